// The JSON text of discovery's answers, written directly: a merchant card is its head and tail,
// rendered once when the index is built, around the members a query computes (distance,
// estimate, open now, pause, score). The text is what Boost.JSON documents of the same members
// would serialise to, member for member.
#pragma once

#include <string>

#include "model.h"
#include "service.h"

namespace reskflow::discovery {

// {"id", "name", "slug", "cuisines", "price_level", "photo_url", "rating", ... up to the comma
// before "distance_m".
std::string card_head(const StoredMerchant& merchant);
// From the comma after "paused_until": "minimum_order_minor", "currency", "kitchen_id", without
// the closing brace.
std::string card_tail(const StoredMerchant& merchant);

// {"data": [cards], "has_more", "next_cursor"}.
std::string listing_text(const ListingFound& found);
// {"merchants": [cards with "score"], "items": [item hits]}.
std::string search_text(const SearchFound& found);

}  // namespace reskflow::discovery

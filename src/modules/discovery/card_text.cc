// Writing discovery's answers as JSON text from the index's pre-rendered card pieces and the
// facts a query computed, without building a document per request.
#include "card_text.h"

#include <array>
#include <charconv>
#include <cmath>

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::discovery {
namespace {

boost::json::value optional_json(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

void append_integer(std::string& out, std::int64_t n) {
  std::array<char, 24> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), n).ptr;
  out.append(buffer.data(), end);
}

void append_optional(std::string& out, const std::optional<std::int64_t>& n) {
  if (n) {
    append_integer(out, *n);
  } else {
    out += "null";
  }
}

// The members a query computes, between the card's head and tail.
void append_card(std::string& out, const CardFacts& facts, std::int64_t now_us, bool scored) {
  const IndexedMerchant& m = *facts.merchant;
  out += m.card_head;
  out += "\"distance_m\":";
  append_optional(out,
                  facts.distance_m ? std::optional(std::llround(*facts.distance_m)) : std::nullopt);
  out += ",\"delivery_minutes\":";
  append_optional(out, facts.delivery_minutes);
  out += facts.open_now ? ",\"open_now\":true" : ",\"open_now\":false";
  out += ",\"paused_until\":";
  const auto& paused = m.stored.paused_until_us;
  if (paused && *paused > now_us) {
    json::serialize_to(out, boost::json::value(modules::iso_utc(*paused)));
  } else {
    out += "null";
  }
  out += m.card_tail;
  if (scored) {
    out += ",\"score\":";
    append_integer(out, facts.score);
  }
  out += '}';
}

void append_item(std::string& out, const ItemFound& hit) {
  const StoredItem& i = hit.item->item;
  boost::json::array dietary;
  for (const auto& d : i.dietary) dietary.emplace_back(d);
  json::serialize_to(out, boost::json::object{{"item_id", i.id},
                                              {"merchant_id", i.merchant.id},
                                              {"merchant_name", i.merchant.name},
                                              {"name", i.name},
                                              {"description", optional_json(i.description)},
                                              {"price_minor", i.price.amount_minor},
                                              {"currency", i.price.currency},
                                              {"dietary", std::move(dietary)},
                                              {"photo_url", optional_json(i.photo_url)},
                                              {"score", hit.score}});
}

// The cards' pre-rendered bytes and room for their computed members: the answer's size.
std::size_t cards_bytes(const std::vector<CardFacts>& cards) {
  constexpr std::size_t computed_bytes = 160;
  std::size_t total = 0;
  for (const auto& c : cards)
    total += c.merchant->card_head.size() + c.merchant->card_tail.size() + computed_bytes;
  return total;
}

}  // namespace

std::string card_head(const StoredMerchant& m) {
  boost::json::array cuisines;
  for (const auto& cuisine : m.cuisines) cuisines.emplace_back(cuisine);
  boost::json::value rating = nullptr;
  if (m.rating)
    rating = boost::json::object{{"average", m.rating->average}, {"count", m.rating->count}};
  auto text = json::serialize(boost::json::object{{"id", m.id},
                                                  {"name", m.name},
                                                  {"slug", m.slug},
                                                  {"cuisines", std::move(cuisines)},
                                                  {"price_level", m.price_level},
                                                  {"photo_url", optional_json(m.photo_url)},
                                                  {"rating", std::move(rating)}});
  text.back() = ',';  // the closing brace: the computed members follow
  return text;
}

std::string card_tail(const StoredMerchant& m) {
  auto text =
      json::serialize(boost::json::object{{"minimum_order_minor", m.minimum_order.amount_minor},
                                          {"currency", m.currency},
                                          {"kitchen_id", optional_json(m.kitchen_id)}});
  text.front() = ',';  // the opening brace: the computed members precede
  text.pop_back();     // the closing brace: a search adds the score
  return text;
}

std::string listing_text(const ListingFound& found) {
  std::string out;
  out.reserve(cards_bytes(found.cards) + 64 + found.next_cursor.size());
  out += "{\"data\":[";
  for (std::size_t i = 0; i < found.cards.size(); ++i) {
    if (i > 0) out += ',';
    append_card(out, found.cards[i], found.now_us, false);
  }
  out += found.has_more ? "],\"has_more\":true,\"next_cursor\":"
                        : "],\"has_more\":false,\"next_cursor\":";
  if (found.has_more) {
    json::serialize_to(out, boost::json::value(found.next_cursor));
  } else {
    out += "null";
  }
  out += '}';
  return out;
}

std::string search_text(const SearchFound& found) {
  std::string out;
  out.reserve(cards_bytes(found.merchants) + found.items.size() * 400 + 32);
  out += "{\"merchants\":[";
  for (std::size_t i = 0; i < found.merchants.size(); ++i) {
    if (i > 0) out += ',';
    append_card(out, found.merchants[i], found.now_us, true);
  }
  out += "],\"items\":[";
  for (std::size_t i = 0; i < found.items.size(); ++i) {
    if (i > 0) out += ',';
    append_item(out, found.items[i]);
  }
  out += "]}";
  return out;
}

}  // namespace reskflow::discovery

// The events reviews publishes (bus, at least once; the subject is the merchant id), in the
// transaction of each review change, and their payloads (docs/commerce.md, "Events").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::reviews::events {

inline constexpr std::string_view rating_updated = "reviews.rating.updated";

// reviews.rating.updated: `version` grows with every change of that merchant's rating (ignore
// one at or below the version held); `average` is rounded to 2 decimals, 0 when count is 0.
struct RatingUpdated {
  std::string merchant_id;
  std::int64_t version = 0;
  double average = 0;
  std::int64_t count = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const RatingUpdated& event);
boost::system::result<RatingUpdated> tag_invoke(const boost::json::try_value_to_tag<RatingUpdated>&,
                                                const boost::json::value& in);

}  // namespace reskflow::reviews::events

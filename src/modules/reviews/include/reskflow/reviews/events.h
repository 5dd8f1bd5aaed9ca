// The events reviews publishes (bus, at least once), in the transaction of each review change,
// and their payloads (docs/commerce.md, "Events").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::reviews::events {

inline constexpr std::string_view rating_updated = "reviews.rating.updated";
inline constexpr std::string_view courier_rated = "reviews.courier.rated";

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

// What a customer may say about a courier besides the stars, each at most once per rating.
inline constexpr std::array<std::string_view, 8> courier_tags{
    "friendly", "on_time", "careful",      "followed_instructions",  // praise
    "late",     "rude",    "food_damaged", "ignored_instructions"};  // complaints

// reviews.courier.rated (subject: the driver id): a customer rated the courier of a delivered
// platform order, once per delivery. `tags` are from courier_tags.
struct CourierRated {
  std::string delivery_id;
  std::string order_id;
  std::string driver_id;
  std::int64_t rating = 0;  // 1..5
  std::vector<std::string> tags;
  std::int64_t rated_at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const CourierRated& event);
boost::system::result<CourierRated> tag_invoke(const boost::json::try_value_to_tag<CourierRated>&,
                                               const boost::json::value& in);

}  // namespace reskflow::reviews::events

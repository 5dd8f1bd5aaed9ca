// The events promotions publishes (bus, at least once; the subject is the promotion id), in the
// transaction that creates a promotion or changes its status, and their payload.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::promotions::events {

inline constexpr std::string_view promotion_created = "promotions.promotion.created";
inline constexpr std::string_view promotion_paused = "promotions.promotion.paused";
inline constexpr std::string_view promotion_resumed = "promotions.promotion.resumed";
inline constexpr std::string_view promotion_ended = "promotions.promotion.ended";

// Every promotions.promotion.* event. JSON: {"promotion_id","merchant_id","code","status","at"};
// merchant_id and code are "" for a platform campaign and an automatic one.
struct PromotionChanged {
  std::string promotion_id;
  std::string merchant_id;
  std::string code;
  std::string status;  // active, paused, ended
  std::int64_t at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const PromotionChanged& event);
boost::system::result<PromotionChanged> tag_invoke(
    const boost::json::try_value_to_tag<PromotionChanged>&, const boost::json::value& in);

}  // namespace reskflow::promotions::events

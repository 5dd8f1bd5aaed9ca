// A promotion as the service and the repository see it, and the names of its kinds and statuses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/modules/money.h"

namespace reskflow::promotions {

inline constexpr std::string_view kind_percentage = "percentage";
inline constexpr std::string_view kind_fixed_amount = "fixed_amount";
inline constexpr std::string_view kind_free_delivery = "free_delivery";

inline constexpr std::string_view status_active = "active";
inline constexpr std::string_view status_paused = "paused";
inline constexpr std::string_view status_ended = "ended";

inline constexpr std::string_view redemption_reserved = "reserved";
inline constexpr std::string_view redemption_funded = "funded";
inline constexpr std::string_view redemption_released = "released";
inline constexpr std::string_view redemption_reversed = "reversed";

struct Promotion {
  std::string id;
  std::string name;
  std::string code;  // upper-cased; empty: an automatic campaign
  std::string kind;
  std::int64_t percent = 0;  // percentage: 1..100
  // fixed_amount: the amount off; percentage: the most off (0: none). Its currency is the
  // promotion's, and every other amount of the promotion is in it.
  modules::Money amount;
  std::string merchant_id;                // the merchant that runs and funds it; empty: platform
  std::vector<std::string> merchant_ids;  // a platform campaign's merchants; empty: every one
  bool first_order_only = false;
  modules::Money minimum_basket;  // items, tax included when inclusive
  std::int64_t starts_at_us = 0;
  std::optional<std::int64_t> ends_at_us;
  std::optional<std::int64_t> per_user_limit;
  std::optional<modules::Money> budget;
  std::optional<std::int64_t> redemptions_max;
  modules::Money spent;
  std::int64_t redemptions = 0;
  std::string status;
  std::string created_by;
  std::int64_t created_at_us = 0;
  std::int64_t updated_at_us = 0;
};

// One order's discount from one promotion.
struct Redemption {
  std::string order_id;
  std::string promotion_id;
  std::string customer_id;
  std::string merchant_id;
  modules::Money amount;
  std::string funder;  // merchant, platform
  std::string status;  // reserved, funded, released, reversed
};

}  // namespace reskflow::promotions

// An order's price as a list of steps on integer minor units: items with their modifiers, tax,
// delivery fee by distance band times a demand multiplier, service fee, small-order fee, tip.
// Later steps (promotions, subscription benefits) are added to the list; a promotion's discount is
// a negative step after the fees that never reaches the tax or the tip. Rounding: every
// percentage or multiplier is applied once, to its own base, and rounded half up (away from
// zero) to the minor unit; steps never round each other's results (docs/orders.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/modules/money.h"

namespace reskflow::orders {

// Up to `distance_m_max` metres from the merchant, the base delivery fee is `fee_minor`.
struct DistanceBand {
  std::int64_t distance_m_max = 0;
  std::int64_t fee_minor = 0;
};

// The amounts are minor units of whichever currency the order is in: one deployment serves
// merchants in several currencies.
struct PricingRules {
  std::int64_t tax_rate_bp = 1000;  // basis points: 1000 = 10 %
  bool tax_inclusive = true;        // item prices include the tax
  std::vector<DistanceBand> bands;  // ascending; beyond the last, the last band's fee
  // Demand: each order waiting beyond `demand_free_orders` adds `demand_step_permille` to the
  // multiplier (1000 = ×1), up to `demand_multiplier_max_permille`.
  std::int64_t demand_free_orders = 5;
  std::int64_t demand_step_permille = 100;
  std::int64_t demand_multiplier_max_permille = 2000;
  std::int64_t service_fee_bp = 500;
  std::int64_t service_fee_min_minor = 50;
  std::int64_t service_fee_max_minor = 500;
  std::int64_t small_order_fee_minor = 200;  // when the items are under the merchant's minimum
};

// One line of the breakdown. `added` is false for a step shown but already inside another
// (tax included in the item prices).
struct PriceStep {
  std::string kind;  // items, tax, delivery_fee, service_fee, small_order_fee, discount, tip
  std::string label;
  modules::Money amount;
  bool added = true;
};

// A promotion's discount (promotions computes it): a positive amount taken off the total.
struct Discount {
  std::string label;
  modules::Money amount;
};

// A member's benefits from their subscription (subscriptions::Benefits, in the plan's currency):
// no delivery fee once the items reach the threshold, and the service fee at the member's rate
// (up to the usual maximum, without the usual minimum). An order in another currency gets none.
struct MemberBenefits {
  std::string plan_name;
  modules::Money free_delivery_threshold;
  std::int64_t service_fee_bp = 0;
};

struct PricingInput {
  std::string currency;
  modules::Money items;          // the cart's available lines, modifiers included
  modules::Money minimum_order;  // the merchant's
  double distance_m = 0;         // merchant to delivery point
  std::int64_t orders_waiting = 0;
  modules::Money tip;
  // Re-pricing a placed order that changed: its delivery fee as placed, since neither the
  // distance nor the demand it was priced at depends on the lines.
  std::optional<PriceStep> kept_delivery_fee;
  // Each becomes a `discount` step after the fees; together at most the items before tax.
  std::vector<Discount> discounts;
  std::optional<MemberBenefits> member;  // the customer's subscription benefits, if any
};

struct PriceBreakdown {
  std::vector<PriceStep> steps;
  modules::Money total;
  modules::Money items;
  modules::Money tax;
  modules::Money fees;  // delivery + service + small order: what the platform keeps
  modules::Money tip;
};

// `amount` × numerator / denominator, rounded half up (away from zero); exact in 128 bits.
std::int64_t scaled_half_up(std::int64_t amount, std::int64_t numerator, std::int64_t denominator);

// The items without the tax included in them (all of them when tax is added on top): what the
// discounts together may take at most, so that the tax and the tip are always paid in full.
modules::Money items_before_tax(const PricingRules& rules, const modules::Money& items);

// The number of waiting orders from which the demand multiplier no longer grows (it has reached
// its maximum, or never moves): counting further changes no price, so checkout counts at most
// this many of a merchant's waiting orders instead of all of them.
std::int64_t demand_orders_counted_max(const PricingRules& rules);

// validation_failed when amounts mix currencies or overflow, or when the discounts are more than
// the items before tax.
Result<PriceBreakdown> price_order(const PricingRules& rules, const PricingInput& input);

// The plain-words differences between two breakdowns ("Delivery fee went from 1.99 EUR to
// 2.49 EUR."), empty when they are the same; validation_failed when a kind's steps do not add up
// to an amount in the breakdown's currency.
Result<std::vector<std::string>> price_changes(const PriceBreakdown& before,
                                               const PriceBreakdown& now);

}  // namespace reskflow::orders

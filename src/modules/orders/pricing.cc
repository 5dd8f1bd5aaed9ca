// The pricing steps and their rounding (pricing.h).
#include "pricing.h"

#include <algorithm>

namespace reskflow::orders {
namespace {

modules::Money money(std::int64_t amount_minor, const std::string& currency) {
  return {amount_minor, currency};
}

std::int64_t delivery_base_minor(const PricingRules& rules, double distance_m) {
  if (rules.bands.empty()) return 0;
  for (const auto& band : rules.bands) {
    if (distance_m <= static_cast<double>(band.distance_m_max)) return band.fee_minor;
  }
  return rules.bands.back().fee_minor;
}

std::int64_t demand_permille(const PricingRules& rules, std::int64_t orders_waiting) {
  const auto extra = std::max<std::int64_t>(0, orders_waiting - rules.demand_free_orders);
  const auto stepped = 1000 + std::min<std::int64_t>(extra, 1'000'000) * rules.demand_step_permille;
  return std::clamp<std::int64_t>(stepped, 1000, rules.demand_multiplier_max_permille);
}

// Tax on the items: inside them (inclusive) or on top (exclusive).
Result<PriceStep> tax_step(const PricingRules& rules, const modules::Money& items) {
  const auto& c = items.currency;
  if (rules.tax_inclusive) {
    RF_TRY(tax, modules::subtract(items, items_before_tax(rules, items)));
    return PriceStep{"tax", "Tax included", std::move(*tax), false};
  }
  return PriceStep{"tax", "Tax",
                   money(scaled_half_up(items.amount_minor, rules.tax_rate_bp, 10'000), c), true};
}

std::int64_t service_fee_minor(const PricingRules& rules, std::int64_t items_minor) {
  const auto fee = scaled_half_up(items_minor, rules.service_fee_bp, 10'000);
  return std::clamp(fee, rules.service_fee_min_minor, rules.service_fee_max_minor);
}

// The member's benefits when they apply to an order in `currency`.
const MemberBenefits* member_of(const PricingInput& input) {
  if (!input.member || input.member->free_delivery_threshold.currency != input.currency)
    return nullptr;
  return &*input.member;
}

PriceStep service_fee_step(const PricingRules& rules, const PricingInput& input) {
  const auto& c = input.currency;
  const auto* member = member_of(input);
  if (member == nullptr)
    return {"service_fee", "Service fee",
            money(service_fee_minor(rules, input.items.amount_minor), c), true};
  const auto fee = scaled_half_up(input.items.amount_minor, member->service_fee_bp, 10'000);
  return {"service_fee", "Service fee (member rate)",
          money(std::clamp<std::int64_t>(fee, 0, rules.service_fee_max_minor), c), true};
}

std::string delivery_label(std::int64_t permille) {
  if (permille == 1000) return "Delivery fee";
  return "Delivery fee (busy: ×" + std::to_string(permille / 1000) + "." +
         std::to_string(permille % 1000 / 100) + ")";
}

// The discount steps, after checking they stay within the items before tax.
Result<std::vector<PriceStep>> discount_steps(const PricingRules& rules,
                                              const PricingInput& input) {
  std::vector<PriceStep> out;
  modules::Money taken{0, input.currency};
  for (const auto& d : input.discounts) {
    if (d.amount.currency != input.currency || d.amount.amount_minor < 0)
      return fail(ErrorCode::validation_failed,
                  "a discount is not a positive " + input.currency + " amount");
    RF_TRY(sum, modules::add_to(taken, d.amount));
    RF_TRY(off, modules::negate(d.amount));
    out.push_back({"discount", d.label, std::move(*off), true});
  }
  if (taken.amount_minor > items_before_tax(rules, input.items).amount_minor)
    return fail(ErrorCode::validation_failed,
                "the discounts (" + modules::money_text(taken) +
                    ") would be more than the items before tax; the tax and the tip are always "
                    "paid in full");
  return out;
}

}  // namespace

modules::Money items_before_tax(const PricingRules& rules, const modules::Money& items) {
  if (!rules.tax_inclusive) return items;
  return {scaled_half_up(items.amount_minor, 10'000, 10'000 + rules.tax_rate_bp), items.currency};
}

std::int64_t scaled_half_up(std::int64_t amount, std::int64_t numerator, std::int64_t denominator) {
  __extension__ using Wide = __int128;
  const Wide product = static_cast<Wide>(amount) * numerator;
  const Wide half = denominator / 2;
  const Wide q = product >= 0 ? (product + half) / denominator : (product - half) / denominator;
  return static_cast<std::int64_t>(q);
}

std::int64_t demand_orders_counted_max(const PricingRules& rules) {
  const auto room = std::max<std::int64_t>(0, rules.demand_multiplier_max_permille - 1000);
  if (rules.demand_step_permille <= 0 || room == 0) return rules.demand_free_orders;
  return rules.demand_free_orders +
         (room + rules.demand_step_permille - 1) / rules.demand_step_permille;
}

Result<PriceBreakdown> price_order(const PricingRules& rules, const PricingInput& input) {
  const auto& c = input.currency;
  if (input.items.currency != c || input.tip.currency != c)
    return fail(ErrorCode::validation_failed, "the amounts are not all in " + c);
  PriceBreakdown out;
  out.items = input.items;
  out.tip = input.tip;
  const auto permille = demand_permille(rules, input.orders_waiting);
  const auto delivery =
      scaled_half_up(delivery_base_minor(rules, input.distance_m), permille, 1000);
  const bool small = input.items.amount_minor < input.minimum_order.amount_minor;
  out.steps.push_back({"items", "Items", input.items, true});
  RF_TRY(tax, tax_step(rules, input.items));
  out.steps.push_back(std::move(*tax));
  const auto* member = member_of(input);
  const bool free_delivery =
      member != nullptr && input.items.amount_minor >= member->free_delivery_threshold.amount_minor;
  out.steps.push_back(input.kept_delivery_fee.value_or(
      free_delivery
          ? PriceStep{"delivery_fee", "Member: free delivery", money(0, c), true}
          : PriceStep{"delivery_fee", delivery_label(permille), money(delivery, c), true}));
  out.steps.push_back(service_fee_step(rules, input));
  if (small) {
    out.steps.push_back({"small_order_fee",
                         "Small order fee (under the merchant's minimum of " +
                             modules::money_text(input.minimum_order) + ")",
                         money(rules.small_order_fee_minor, c), true});
  }
  RF_TRY(discounts, discount_steps(rules, input));
  out.steps.insert(out.steps.end(), discounts->begin(), discounts->end());
  if (input.tip.amount_minor > 0) out.steps.push_back({"tip", "Tip", input.tip, true});
  out.tax = out.steps[1].amount;
  out.total = money(0, c);
  out.fees = money(0, c);
  for (const auto& step : out.steps) {
    if (!step.added) continue;
    RF_TRY(total, modules::add_to(out.total, step.amount));
    if (step.kind.ends_with("_fee")) {
      RF_TRY(fees, modules::add_to(out.fees, step.amount));
    }
  }
  return out;
}

Result<std::vector<std::string>> price_changes(const PriceBreakdown& before,
                                               const PriceBreakdown& now) {
  std::vector<std::string> out;
  // The sum of the steps of a kind (an order may have two discounts).
  const auto amount_of = [](const PriceBreakdown& b,
                            std::string_view kind) -> Result<modules::Money> {
    modules::Money sum{0, b.total.currency};
    for (const auto& s : b.steps) {
      if (s.kind != kind) continue;
      RF_TRY(added, modules::add_to(sum, s.amount));
    }
    return sum;
  };
  for (const auto* kind :
       {"items", "tax", "delivery_fee", "service_fee", "small_order_fee", "discount"}) {
    RF_TRY(was, amount_of(before, kind));
    RF_TRY(is, amount_of(now, kind));
    if (*was == *is) continue;
    std::string name = kind;
    std::replace(name.begin(), name.end(), '_', ' ');
    name[0] = static_cast<char>(name[0] - 'a' + 'A');
    out.push_back(name + " went from " + modules::money_text(*was) + " to " +
                  modules::money_text(*is) + ".");
  }
  if (!out.empty() || before.total != now.total)
    out.push_back("The total is now " + modules::money_text(now.total) + " (was " +
                  modules::money_text(before.total) + ").");
  return out;
}

}  // namespace reskflow::orders

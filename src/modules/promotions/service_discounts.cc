// What a basket gets (at most one code plus the best automatic campaign, together never more than
// the items before tax) and the redemption of an order's discounts with conditional updates
// (docs/promotions.md, "Stacking" and "Caps under concurrent checkouts").
#include <algorithm>
#include <cctype>

#include "repository.h"
#include "reskflow/modules/utc_time.h"
#include "service.h"

namespace reskflow::promotions {
namespace {

// What later discounts may still take, in the basket's currency.
struct Left {
  modules::Money items_before_tax;
  modules::Money delivery_fee;
};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// percent % of the items, rounded half up, at most amount_minor when set.
std::int64_t percentage_of(const Promotion& p, std::int64_t items_minor) {
  __extension__ using Wide = __int128;
  const auto off =
      static_cast<std::int64_t>((static_cast<Wide>(items_minor) * p.percent + 50) / 100);
  return p.amount.amount_minor > 0 ? std::min(off, p.amount.amount_minor) : off;
}

std::int64_t amount_of(const Promotion& p, const Basket& b, const Left& left) {
  std::int64_t off = 0;
  if (p.kind == kind_percentage) off = percentage_of(p, b.items.amount_minor);
  if (p.kind == kind_fixed_amount) off = p.amount.amount_minor;
  if (p.kind == kind_free_delivery) off = left.delivery_fee.amount_minor;
  return std::clamp<std::int64_t>(off, 0, left.items_before_tax.amount_minor);
}

// Why the basket cannot have the promotion, in plain words; empty when it can.
std::string refusal(const Promotion& p, const Basket& b, std::int64_t uses) {
  const auto name = "The code " + p.code;
  if (p.status == status_paused) return name + " is paused.";
  if (p.status == status_ended) return name + " has ended.";
  if (b.at_us < p.starts_at_us)
    return name + " starts at " + modules::iso_utc(p.starts_at_us) + ".";
  if (p.ends_at_us && b.at_us >= *p.ends_at_us)
    return name + " expired at " + modules::iso_utc(*p.ends_at_us) + ".";
  if (b.items.currency != p.amount.currency)
    return name + " is for orders in " + p.amount.currency + ".";
  const bool listed = std::ranges::find(p.merchant_ids, b.merchant_id) != p.merchant_ids.end();
  const bool here =
      p.merchant_id.empty() ? p.merchant_ids.empty() || listed : p.merchant_id == b.merchant_id;
  if (!here) return name + " is not valid at this shop.";
  if (p.first_order_only && !b.first_order) return name + " is for a first order only.";
  if (b.items.amount_minor < p.minimum_basket.amount_minor)
    return name + " needs items of at least " + modules::money_text(p.minimum_basket) + ".";
  if (p.per_user_limit && uses >= *p.per_user_limit)
    return *p.per_user_limit == 1 ? "You have used the code " + p.code + " already."
                                  : "You have used the code " + p.code + " " +
                                        std::to_string(*p.per_user_limit) + " times already.";
  if (p.redemptions_max && p.redemptions >= *p.redemptions_max) return name + " is used up.";
  return {};
}

std::string label_of(const Promotion& p) {
  std::string what;
  if (p.kind == kind_percentage) what = std::to_string(p.percent) + " % off";
  if (p.kind == kind_fixed_amount) what = modules::money_text(p.amount) + " off";
  if (p.kind == kind_free_delivery) what = "free delivery";
  return (p.code.empty() ? p.name : "Code " + p.code) + ": " + what;
}

Discount discount_of(const Promotion& p, std::int64_t amount_minor) {
  return {p.id,
          label_of(p),
          {amount_minor, p.amount.currency},
          p.merchant_id.empty() ? Funder::platform : Funder::merchant};
}

bool within_budget(const Promotion& p, const Discount& d) {
  if (!p.budget) return true;
  const auto spent = modules::add(p.spent, d.amount);
  return spent && spent->amount_minor <= p.budget->amount_minor;
}

std::unexpected<Error> code_refused(std::string reason) {
  return fail(ErrorCode::validation_failed, reason, {{"promotion_code", reason}});
}

// validation_failed when the discount is not in the basket's currency.
Status take_from(Left& left, const Promotion& p, const Discount& d) {
  RF_TRY(items, modules::subtract(left.items_before_tax, d.amount));
  left.items_before_tax = std::move(*items);
  if (p.kind != kind_free_delivery) return {};
  RF_TRY(fee, modules::subtract(left.delivery_fee, d.amount));
  left.delivery_fee = std::move(*fee);
  return {};
}

}  // namespace

std::string_view funder_name(Funder funder) {
  return funder == Funder::merchant ? "merchant" : "platform";
}

Result<std::vector<Discount>> Service::discounts(const Basket& basket) {
  const auto code = upper(basket.code);
  return db_.read([&](store::Transaction& tx) -> Result<std::vector<Discount>> {
    std::vector<Discount> out;
    Left left{basket.items_before_tax, basket.delivery_fee};
    if (!code.empty()) {
      RF_TRY(found, repository::promotion_by_code(tx, code));
      if (!*found) {
        metrics_.refused_codes.inc();
        return code_refused("No promotion has the code " + code + ".");
      }
      const auto& p = **found;
      RF_TRY(used, repository::uses(tx, p.id, basket.customer_id));
      auto reason = refusal(p, basket, *used);
      const auto off = amount_of(p, basket, left);
      auto discount = discount_of(p, off);
      if (reason.empty() && !within_budget(p, discount))
        reason = "The code " + p.code + " is used up.";
      if (reason.empty() && off == 0)
        reason = "The code " + p.code + " takes nothing off this order.";
      if (!reason.empty()) {
        metrics_.refused_codes.inc();
        return code_refused(std::move(reason));
      }
      out.push_back(std::move(discount));
      RF_TRY(taken, take_from(left, p, out.back()));
    }
    RF_TRY(automatic, repository::automatic_for(tx, basket.merchant_id, basket.items.currency,
                                                basket.at_us, settings_.automatic_candidates_max));
    std::optional<Discount> best;
    for (const auto& p : *automatic) {
      RF_TRY(used, repository::uses(tx, p.id, basket.customer_id));
      const auto off = amount_of(p, basket, left);
      auto discount = discount_of(p, off);
      if (off == 0 || !refusal(p, basket, *used).empty() || !within_budget(p, discount)) continue;
      if (!best || off > best->amount.amount_minor) best = std::move(discount);
    }
    if (best) out.push_back(std::move(*best));
    return out;
  });
}

Status Service::redeem(store::Transaction& tx, std::string_view order_id, const Basket& basket,
                       const std::vector<Discount>& discounts) {
  const auto now = clock_();
  for (const auto& d : discounts) {
    RF_TRY(found, repository::promotion(tx, d.promotion_id));
    if (!*found) return fail(ErrorCode::not_found, "no such promotion");
    const auto& p = **found;
    RF_TRY(taken, repository::take(tx, p.id, d.amount, now));
    RF_TRY(counted, *taken ? repository::add_use(tx, p.id, basket.customer_id, p.per_user_limit)
                           : Result<bool>(false));
    if (!*taken || !*counted) {
      metrics_.exhausted.inc();
      if (!p.code.empty())
        return code_refused(*taken ? "You have used the code " + p.code + " already."
                                   : "The code " + p.code + " ran out while you ordered.");
      return fail(ErrorCode::conflict, "The offer \"" + p.name +
                                           "\" ran out while you ordered; check the new total "
                                           "and order again.");
    }
    RF_TRY(inserted,
           repository::insert_redemption(
               tx,
               {std::string(order_id), p.id, basket.customer_id, basket.merchant_id, d.amount,
                std::string(funder_name(d.funder)), std::string(redemption_reserved)},
               now));
    // Counted once the order commits (service.h); one code and one campaign at most a basket.
    tx.notify_after_commit(p.code.empty() ? redeemed_campaign_channel : redeemed_code_channel);
  }
  return {};
}

}  // namespace reskflow::promotions

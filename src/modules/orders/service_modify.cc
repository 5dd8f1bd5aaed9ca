// Modifying an order before preparation: the lines changed (kept lines at the price they were
// ordered at, new ones priced on the menu now), the order re-priced by the same steps, the hold
// raised first when the total grows, then the lines, price, stock difference and
// orders.order.modified written in one transaction (docs/orders.md, "Modification").
#include <algorithm>
#include <map>

#include "publish.h"
#include "reskflow/orders/orders.h"
#include "service.h"

namespace reskflow::orders {
namespace {

constexpr std::int64_t quantity_max = 99;
constexpr std::size_t changes_max = 50;

std::unexpected<Error> invalid(std::string field, std::string message) {
  return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
              {{std::move(field), std::move(message)}});
}

bool modifiable(std::string_view status) {
  return status == status_placed || status == status_accepted;
}

// What the customer can still do once the order can no longer change, in plain words.
std::unexpected<Error> too_late(const Order& order) {
  const auto& s = order.status;
  const std::string detail =
      s == status_preparing ? "The restaurant started preparing this order, so it can no longer "
                              "be changed. Ask the restaurant if you need to cancel it."
      : s == status_ready || s == status_picked_up
          ? "This order is " + std::string(s == status_ready ? "ready" : "on its way") +
                ", so it can no longer be changed."
          : "This order is " + s + ", so it can no longer be changed.";
  Error error{ErrorCode::invalid_transition, detail, {}, {}};
  error.members.push_back({"current_status", s});
  std::string allowed;
  for (const auto next : allowed_next(s, Actor::customer))
    allowed += (allowed.empty() ? "" : ",") + std::string(next);
  error.members.push_back({"allowed", allowed});
  return std::unexpected(std::move(error));
}

std::string change_field(std::size_t index, std::string_view name) {
  return "changes[" + std::to_string(index) + "]." + std::string(name);
}

// Items and how many more (positive) or fewer (negative) units the changed order takes.
std::map<std::string, std::int64_t> stock_difference(const std::vector<OrderLine>& before,
                                                     const std::vector<OrderLine>& after) {
  std::map<std::string, std::int64_t> out;
  for (const auto& l : after) out[l.item_id] += l.quantity;
  for (const auto& l : before) out[l.item_id] -= l.quantity;
  return out;
}

}  // namespace

Result<std::vector<OrderLine>> Service::modified_lines(const Order& order,
                                                       const ModificationRequest& request) {
  if (request.changes.empty() || request.changes.size() > changes_max)
    return invalid("changes", "must list 1 to " + std::to_string(changes_max) + " changes");
  std::vector<std::optional<OrderLine>> kept(order.lines.begin(), order.lines.end());
  std::vector<OrderLine> added;
  std::vector<bool> touched(order.lines.size(), false);
  for (std::size_t i = 0; i < request.changes.size(); ++i) {
    const auto& c = request.changes[i];
    if (c.quantity < (c.line ? 0 : 1) || c.quantity > quantity_max)
      return invalid(change_field(i, "quantity"),
                     c.line ? "must be from 0 (remove) to 99" : "must be from 1 to 99");
    if (c.line) {
      const auto at = *c.line;
      if (at < 0 || at >= static_cast<std::int64_t>(order.lines.size()) ||
          touched[static_cast<std::size_t>(at)])
        return invalid(change_field(i, "line"),
                       "must be the index of one of the order's lines, once");
      const auto index = static_cast<std::size_t>(at);
      touched[index] = true;
      auto& line = kept[index];
      if (c.quantity == 0) {
        line.reset();
        continue;
      }
      line->quantity = c.quantity;
      RF_TRY(total, modules::multiply(line->unit_price, c.quantity));
      line->total = std::move(*total);
      continue;
    }
    auto priced =
        catalog_.price_line(order.merchant_id, {c.item_id, c.quantity, c.option_ids}, clock_());
    if (!priced && priced.error().code == ErrorCode::not_found)
      return invalid(change_field(i, "item_id"), "is not on " + order.merchant_name + "'s menu");
    if (!priced) {
      auto error = priced.error();
      for (auto& f : error.fields) f.field = change_field(i, f.field);
      return std::unexpected(std::move(error));
    }
    std::vector<std::string> options;
    std::vector<std::string> option_ids;
    for (const auto& o : priced->options) {
      options.push_back(o.name);
      option_ids.push_back(o.id);
    }
    added.push_back({priced->item_id, priced->name, priced->quantity, std::move(options), c.note,
                     priced->unit_price, priced->total, std::move(option_ids)});
  }
  std::vector<OrderLine> out;
  for (auto& line : kept) {
    if (line) out.push_back(std::move(*line));
  }
  for (auto& line : added) out.push_back(std::move(line));
  if (out.empty())
    return invalid("changes", "would leave the order empty: cancel the order instead");
  return out;
}

Result<PriceBreakdown> Service::reprice(const Order& order, const std::vector<OrderLine>& lines) {
  RF_TRY(merchant, catalog_.merchant(order.merchant_id));
  const auto& c = order.price.total.currency;
  modules::Money items{0, c};
  for (const auto& l : lines) {
    RF_TRY(sum, modules::add(items, l.total));
    items = *sum;
  }
  PricingInput input{c,
                     items,
                     {merchant->minimum_order.amount_minor, c},
                     modules::geo::distance_m(merchant->location, order.delivery.point),
                     0,
                     order.price.tip};
  // The delivery fee and the discounts stay as placed: the redemption took them from the
  // promotion's budget then.
  for (const auto& step : order.price.steps) {
    if (step.kind == "delivery_fee") input.kept_delivery_fee = step;
    if (step.kind != "discount") continue;
    RF_TRY(off, modules::negate(step.amount));
    input.discounts.push_back({step.label, std::move(*off)});
  }
  RF_TRY(member, member_benefits(order.customer_id));
  input.member = std::move(*member);
  return price_order(settings_.pricing, input);
}

Status Service::commit_modification(const Order& before, const Order& after) {
  std::vector<catalog::StockLine> more;
  std::vector<catalog::StockLine> fewer;
  for (const auto& [item, n] : stock_difference(before.lines, after.lines)) {
    if (n > 0) more.push_back({item, n});
    if (n < 0) fewer.push_back({item, -n});
  }
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(updated, repository::update_contents(tx, after, before.version));
    if (!*updated)
      return fail(ErrorCode::conflict, "the order changed meanwhile; reload it and try again");
    if (!fewer.empty()) {
      RF_TRY(released, catalog_.release_stock(tx, after.merchant_id, fewer));
    }
    if (!more.empty()) {
      RF_TRY(reserved, catalog_.reserve_stock(tx, after.merchant_id, more));
    }
    return publish_modified(tx, after);
  });
}

Result<Order> Service::modify(const Caller& caller, std::string_view order_id,
                              const ModificationRequest& request) {
  RF_TRY(before, get(caller, order_id));
  if (!caller.admin && before->customer_id != caller.user_id)
    return fail(ErrorCode::not_found, "no such order");
  if (!modifiable(before->status)) return too_late(*before);
  if (before->payment_mode == payment_split)
    return fail(ErrorCode::conflict,
                "Each participant paid their own share of this group order, so it cannot be "
                "changed. Cancel it and order again if something must change.");
  RF_TRY(lines, modified_lines(*before, request));
  Order after = *before;
  after.lines = std::move(*lines);
  RF_TRY(price, reprice(*before, after.lines));
  after.price = std::move(*price);
  after.age_restricted = false;
  after.cold_min_c = after.cold_max_c = std::nullopt;
  if (auto handled = add_handling(after); !handled)
    return invalid("changes",
                   "would put items that must be kept at temperatures no box can "
                   "keep at once in one order: order them separately");
  after.version += 1;
  after.updated_at_us = std::max(clock_(), before->updated_at_us);
  // A larger total is held before anything is written: a card that refuses changes nothing. A
  // smaller one keeps the hold; the capture takes the new total and the rest is released.
  if (!after.payment_intent_id.empty() &&
      after.price.total.amount_minor > before->price.total.amount_minor) {
    if (auto held = payments_.increase(after.payment_intent_id, after.price.total); !held) {
      if (held.error().code != ErrorCode::payment_declined) metrics_.payment_failures.inc();
      return std::unexpected(held.error());
    }
  }
  RF_TRY(committed, commit_modification(*before, after));
  metrics_.modifications.inc();
  RF_TRY(reread, get_any(order_id));
  if (listener_) listener_(*reread);
  return reread;
}

}  // namespace reskflow::orders

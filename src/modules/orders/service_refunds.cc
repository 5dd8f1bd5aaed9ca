// Refunds of delivered orders by admins and, within a written policy, by merchants: the amount is
// reserved against what each payer paid in one serializable transaction (so concurrent refunds
// never reserve more than was paid), then given back through payments, each part marked once
// done; a retry with the same key, or the order's next refund, finishes what a failure left.
#include <algorithm>

#include "reskflow/modules/utc_time.h"
#include "reskflow/store/uuid.h"
#include "service.h"
#include "split.h"

namespace reskflow::orders {
namespace {

using payments::IntentStatus;

constexpr std::size_t refund_reason_bytes_max = 150;  // payments' 200 with the refund's id
constexpr std::int64_t day_us = 86'400'000'000;

std::string payments_reason(const OrderRefund& refund) {
  return refund.reason + " (refund " + refund.id + ")";
}

bool captured(const payments::Intent& i) {
  return i.status == IntentStatus::captured || i.status == IntentStatus::partially_refunded ||
         i.status == IntentStatus::refunded;
}

Status check_request(const Order& order, const RefundRequest& request) {
  std::vector<FieldError> errors;
  if (request.reason.empty() || request.reason.size() > refund_reason_bytes_max)
    errors.push_back({"reason", "must be 1 to 150 bytes: the customer reads it"});
  if (request.amount.currency != order.price.total.currency)
    errors.push_back({"currency", "must be " + order.price.total.currency + ", the order's"});
  else if (request.amount.amount_minor <= 0)
    errors.push_back({"amount_minor", "must be more than zero"});
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
              std::move(errors));
}

std::unexpected<Error> not_refundable(const Order& order) {
  Error error{ErrorCode::invalid_transition,
              order.status == status_refunded
                  ? "This order was refunded in full already."
                  : "Only a delivered order can be refunded; this one is " + order.status + ".",
              {},
              {}};
  error.members.push_back({"current_status", order.status});
  error.members.push_back({"allowed", ""});
  return std::unexpected(std::move(error));
}

std::optional<std::int64_t> delivered_at(const Order& order) {
  for (auto e = order.timeline.rbegin(); e != order.timeline.rend(); ++e)
    if (e->status == status_delivered) return e->at_us;
  return std::nullopt;
}

std::string day_of(std::int64_t at_us) { return modules::iso_utc(at_us).substr(0, 10); }

// What may still be reserved from each captured intent: what it took, less what was given back
// (by anyone) or is reserved by a refund not finished yet, whichever is more.
Result<std::vector<modules::Money>> room_of(const std::vector<payments::Intent>& intents,
                                            const std::vector<OrderRefund>& refunds) {
  std::vector<modules::Money> out;
  for (const auto& i : intents) {
    modules::Money reserved{0, i.captured.currency};
    for (const auto& r : refunds) {
      for (const auto& p : r.parts) {
        if (p.intent_id != i.id) continue;
        RF_TRY(added, modules::add_to(reserved, p.amount));
      }
    }
    RF_TRY(unreserved, modules::subtract(i.captured, reserved));
    RF_TRY(unrefunded, modules::subtract(i.captured, i.refunded));
    out.push_back(std::ranges::min(*unreserved, *unrefunded, {}, &modules::Money::amount_minor));
  }
  return out;
}

// The sum of `room` left at or above zero, in `currency`.
Result<modules::Money> total_room(const std::vector<modules::Money>& room,
                                  const std::string& currency) {
  modules::Money out{0, currency};
  for (const auto& r : room) {
    RF_TRY(added, modules::add_to(out, modules::at_least_zero(r)));
  }
  return out;
}

Result<modules::Money> refunded_by_merchant(const std::vector<OrderRefund>& refunds,
                                            const std::string& currency) {
  modules::Money out{0, currency};
  for (const auto& r : refunds) {
    if (r.actor != "merchant") continue;
    RF_TRY(added, modules::add_to(out, r.amount));
  }
  return out;
}

}  // namespace

// The order's captured intents (its payers' order) and its refunds.
struct Service::Refundable {
  std::vector<payments::Intent> intents;
  std::vector<OrderRefund> refunds;
};

Result<Service::Refundable> Service::refundable(const Order& order) {
  RF_TRY(all, payments_.intents_of_order(order.id));
  std::vector<std::string> ids{order.payment_intent_id};
  if (order.payment_mode == payment_split) {
    ids.clear();
    for (const auto& s : order.shares) ids.push_back(s.intent_id);
  }
  Refundable out;
  for (const auto& id : ids) {
    const auto found = std::ranges::find(*all, id, &payments::Intent::id);
    if (found != all->end() && captured(*found)) out.intents.push_back(*found);
  }
  RF_TRY(refunds,
         db_.read([&](store::Transaction& tx) { return repository::refunds_of(tx, order.id); }));
  out.refunds = std::move(*refunds);
  return out;
}

// The merchant's policy: its own store's delivered orders, up to merchant_refund_days after
// delivery, in all at most its part of the capture (the items net of tax).
Status Service::check_refund_policy(const Order& order, const RefundRequest& request,
                                    const Refundable& refundable) {
  if (request.actor != Actor::merchant) return {};
  const auto delivered = delivered_at(order).value_or(order.updated_at_us);
  if (clock_() > delivered + settings_.merchant_refund_days * day_us)
    return fail(ErrorCode::forbidden, "A store can refund an order up to " +
                                          std::to_string(settings_.merchant_refund_days) +
                                          " days after its delivery; this one was delivered on " +
                                          day_of(delivered) +
                                          ", so only ReskFlow support can refund it now.");
  RF_TRY(settlement, settlement_of(order.price));
  const auto& share = settlement->merchant;
  RF_TRY(done, refunded_by_merchant(refundable.refunds, share.currency));
  RF_TRY(asked, modules::add(*done, request.amount));
  if (asked->amount_minor <= share.amount_minor) return {};
  RF_TRY(left, modules::subtract(share, *done));
  return fail(ErrorCode::forbidden, "A store can refund at most the items' share of an order, " +
                                        modules::money_text(share) + "; the store has refunded " +
                                        modules::money_text(*done) + " of it already, so at most " +
                                        modules::money_text(modules::at_least_zero(*left)) +
                                        " is left. ReskFlow support can refund more.");
}

Result<OrderRefund> Service::reserve_refund(const Order& order, const RefundRequest& request) {
  OrderRefund refund{store::new_uuid_v7(), order.id, request.amount,
                     request.reason,       {},       request.user_id,
                     request.request_key,  clock_(), {}};
  refund.actor = request.actor == Actor::merchant ? "merchant" : "admin";
  RF_TRY(intents, refundable(order));
  return db_.write([&](store::Transaction& tx) -> Result<OrderRefund> {
    // Read again inside the transaction: a concurrent refund either committed before (and is
    // counted) or conflicts with this one and is retried.
    RF_TRY(refunds, repository::refunds_of(tx, order.id));
    Refundable now{intents->intents, std::move(*refunds)};
    RF_TRY(policy, check_refund_policy(order, request, now));
    RF_TRY(room, room_of(now.intents, now.refunds));
    RF_TRY(total, total_room(*room, request.amount.currency));
    if (request.amount.amount_minor > total->amount_minor)
      return fail(ErrorCode::validation_failed, "the refund is more than is left to refund",
                  {{"amount_minor", "must be at most " + std::to_string(total->amount_minor) +
                                        ": " + modules::money_text(*total) +
                                        " of what was paid is left to refund"}});
    refund.parts.clear();
    auto rest = request.amount;
    for (std::size_t i = 0; i < room->size() && rest.amount_minor > 0; ++i) {
      const modules::Money take{
          std::min(rest.amount_minor, modules::at_least_zero((*room)[i]).amount_minor),
          rest.currency};
      if (take.amount_minor == 0) continue;
      refund.parts.push_back({now.intents[i].id, take, std::string(refund_pending)});
      RF_TRY(after, modules::subtract(rest, take));
      rest = std::move(*after);
    }
    RF_TRY(inserted, repository::insert_refund(tx, refund));
    return refund;
  });
}

Result<OrderRefund> Service::finish_refund(OrderRefund refund) {
  for (auto& part : refund.parts) {
    if (part.status == refund_done) continue;
    auto given =
        refund.actor == "merchant"
            ? payments_.refund_from_merchant(part.intent_id, part.amount, payments_reason(refund))
            : payments_.refund(part.intent_id, part.amount, payments_reason(refund));
    if (!given) {
      metrics_.payment_failures.inc();
      const auto code = given.error().code;
      // Refused for good (more than is left after a refund made elsewhere): nothing moved.
      if (code == ErrorCode::validation_failed || code == ErrorCode::invalid_transition) {
        RF_TRY(deleted, db_.write([&](store::Transaction& tx) {
          return repository::delete_refund_part(tx, refund.id, part.intent_id);
        }));
      }
      return std::unexpected(given.error());
    }
    RF_TRY(marked, db_.write([&](store::Transaction& tx) {
      return repository::refund_part_done(tx, refund.id, part.intent_id);
    }));
    part.status = std::string(refund_done);
  }
  return refund;
}

Status Service::finish_pending_refunds(std::string_view order_id) {
  RF_TRY(refunds,
         db_.read([&](store::Transaction& tx) { return repository::refunds_of(tx, order_id); }));
  for (auto& r : *refunds) {
    if (r.status() == refund_done) continue;
    RF_TRY(finished, finish_refund(std::move(r)));
  }
  return {};
}

Result<OrderRefund> Service::refund(std::string_view order_id, const RefundRequest& request) {
  RF_TRY(order, get_any(order_id));
  RF_TRY(valid, check_request(*order, request));
  RF_TRY(asked, db_.read([&](store::Transaction& tx) {
    return repository::refund_by_key(tx, order_id, request.user_id, request.request_key);
  }));
  if (*asked) {
    const auto& first = **asked;
    if (first.amount != request.amount || first.reason != request.reason)
      return fail(ErrorCode::conflict,
                  "this Idempotency-Key was used for another refund: send a new key");
    return finish_refund(first);
  }
  if (order->status != status_delivered) return not_refundable(*order);
  // A refund a failure left pending is given back (or dropped) before a new one is weighed.
  RF_TRY(finished, finish_pending_refunds(order_id));
  RF_TRY(reserved, reserve_refund(*order, request));
  metrics_.refunds.inc();
  return finish_refund(std::move(*reserved));
}

Result<RefundSummary> Service::refunds(std::string_view order_id) {
  RF_TRY(order, get_any(order_id));
  RF_TRY(found, refundable(*order));
  const auto& currency = order->price.total.currency;
  RefundSummary out{{0, currency}, {0, currency}, {0, currency}, std::nullopt, std::nullopt, {}};
  for (const auto& i : found->intents) {
    RF_TRY(paid, modules::add_to(out.paid, i.captured));
    RF_TRY(refunded, modules::add_to(out.refunded, i.refunded));
  }
  RF_TRY(room, room_of(found->intents, found->refunds));
  RF_TRY(refundable, total_room(*room, currency));
  out.refundable = std::move(*refundable);
  if (order->status == status_delivered) {
    const auto until = delivered_at(*order).value_or(order->updated_at_us) +
                       settings_.merchant_refund_days * day_us;
    RF_TRY(settlement, settlement_of(order->price));
    RF_TRY(done, refunded_by_merchant(found->refunds, currency));
    RF_TRY(left, modules::subtract(settlement->merchant, *done));
    if (clock_() <= until) {
      out.merchant_refundable = std::ranges::min(modules::at_least_zero(*left), out.refundable, {},
                                                 &modules::Money::amount_minor);
      out.merchant_refund_until_us = until;
    }
  }
  out.refunds = std::move(found->refunds);
  return out;
}

}  // namespace reskflow::orders

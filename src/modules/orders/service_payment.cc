// Orders that wait for their payment before entering the merchant's queue: a card that asks for
// a challenge, and split group orders whose participants each pay their share; placed once every
// share is authorized, cancelled with every hold released otherwise (docs/orders.md, "Paying
// later").
#include <algorithm>
#include <chrono>

#include "reskflow/core/log.h"
#include "reskflow/modules/payload.h"
#include "reskflow/orders/orders.h"
#include "reskflow/payments/events.h"
#include "service.h"
#include "split.h"

namespace reskflow::orders {
namespace {

// Each participant of the cart with what their available lines cost, the host first; a line
// whose participant left the group still counts, for whoever added it.
Result<std::vector<Payer>> payers_of(const carts::PricedCart& cart) {
  const modules::Money none{0, cart.currency};
  std::vector<Payer> out;
  for (const auto& p : cart.participants) out.push_back({p.user_id, p.display_name, none});
  for (const auto& line : cart.lines) {
    if (!line.available) continue;
    auto found = std::ranges::find(out, line.participant_id, &Payer::user_id);
    if (found == out.end()) {
      out.push_back({line.participant_id, "", none});
      found = std::prev(out.end());
    }
    RF_TRY(items, modules::add(found->items, line.total));
    found->items = std::move(*items);
  }
  std::ranges::stable_partition(out, [&](const Payer& p) { return p.user_id == cart.host_id; });
  return out;
}

PaymentShare seen(PaymentShare share, const payments::Intent& intent) {
  share.intent_id = intent.id;
  share.status = std::string(payments::status_name(intent.status));
  share.challenge_url = intent.challenge_url;
  share.decline_reason = intent.decline_reason;
  return share;
}

bool same(const PaymentShare& a, const PaymentShare& b) {
  return a.intent_id == b.intent_id && a.status == b.status && a.challenge_url == b.challenge_url &&
         a.decline_reason == b.decline_reason;
}

std::unexpected<Error> nothing_to_pay(const Order& order) {
  Error error{ErrorCode::invalid_transition,
              "This order is " + order.status + ", so there is nothing left to pay.",
              {},
              {}};
  error.members.push_back({"current_status", order.status});
  error.members.push_back({"allowed", ""});
  return std::unexpected(std::move(error));
}

// Another state change came first (the host cancelled, the job expired it): not an error here.
bool lost_race(const Error& error) {
  return error.code == ErrorCode::invalid_transition || error.code == ErrorCode::conflict;
}

}  // namespace

void Service::await_payment(Order& order) {
  const auto due =
      std::chrono::duration_cast<std::chrono::microseconds>(settings_.payment_due_s).count();
  order.status = std::string(status_awaiting_payment);
  order.payment_due_us = order.created_at_us + due;
  for (auto& entry : order.timeline) entry.status = order.status;
}

Result<Order> Service::place_split(const Caller& caller, const CheckoutRequest& request,
                                   Order order, const Checkout& checkout) {
  const auto& cart = checkout.cart;
  if (!cart.group) {
    metrics_.refused.inc();
    return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
                {{"split", "only a group order can be split: invite others to the cart first"}});
  }
  order.payment_mode = std::string(payment_split);
  RF_TRY(payers, payers_of(cart));
  RF_TRY(shares, split_shares(order.price, *payers));
  order.shares = std::move(*shares);
  await_payment(order);
  if (auto written = write_order(order, cart.version, checkout); !written) {
    metrics_.refused.inc();
    return std::unexpected(written.error());
  }
  metrics_.awaiting_payment.inc();
  if (listener_) listener_(order);
  const bool host_pays = std::ranges::any_of(
      order.shares, [&](const PaymentShare& s) { return s.user_id == caller.user_id; });
  if (request.payment_method.empty() || !host_pays) return order;
  // A declined card leaves the order waiting: the host's share says why, and they may pay again.
  if (auto paid = pay_share(caller, order.id, request.payment_method); paid) return paid;
  return get_any(order.id);
}

Result<bool> Service::record_share(const Order& order, const PaymentShare& share) {
  const auto now = clock_();
  return db_.write([&](store::Transaction& tx) -> Result<bool> {
    RF_TRY(bumped,
           repository::touch_awaiting_payment(tx, order.id, std::max(now, order.updated_at_us)));
    if (!*bumped) return false;
    RF_TRY(updated, repository::update_share(tx, order.id, share));
    return true;
  });
}

Result<Order> Service::pay_share(const Caller& caller, std::string_view order_id,
                                 const std::string& payment_method) {
  RF_TRY(order, get(caller, order_id));
  const auto share = std::ranges::find(order->shares, caller.user_id, &PaymentShare::user_id);
  if (order->payment_mode != payment_split || share == order->shares.end())
    return fail(ErrorCode::not_found, "you have no share of this order to pay");
  if (order->status != status_awaiting_payment) return nothing_to_pay(*order);
  if (share->status == payments::status_name(payments::IntentStatus::authorized)) return order;
  auto intent = payments_.authorize(
      {order->id, caller.user_id, order->merchant_id, share->amount, payment_method});
  if (!intent) {
    if (intent.error().code != ErrorCode::payment_declined) return std::unexpected(intent.error());
    auto declined = *share;
    declined.status = std::string(payments::status_name(payments::IntentStatus::failed));
    declined.decline_reason = intent.error().detail;
    RF_TRY(recorded, record_share(*order, declined));
    if (listener_) listener_(*order);
    return std::unexpected(intent.error());
  }
  RF_TRY(recorded, record_share(*order, seen(*share, *intent)));
  if (!*recorded) {
    // The order was cancelled or expired while the card was asked: give the hold back.
    release_orphan_hold(intent->id, order->id);
    RF_TRY(now, get_any(order_id));
    return nothing_to_pay(*now);
  }
  auto settled = settle_payment(order_id);
  // Still waiting for others: the host's page hears that this share was paid.
  if (settled && settled->status == status_awaiting_payment && listener_) listener_(*settled);
  return settled;
}

Result<Order> Service::settle_payment(std::string_view order_id) {
  RF_TRY(order, get_any(order_id));
  if (order->status != status_awaiting_payment) return order;
  bool all_authorized = true;
  bool failed = false;
  bool changed = false;
  for (auto& share : order->shares) {
    if (share.intent_id.empty()) {
      all_authorized = false;
      continue;
    }
    RF_TRY(intent, payments_.intent(share.intent_id));
    all_authorized = all_authorized && intent->status == payments::IntentStatus::authorized;
    failed = failed || intent->status == payments::IntentStatus::failed;
    if (auto now = seen(share, *intent); !same(now, share)) {
      RF_TRY(recorded, record_share(*order, now));
      share = std::move(now);
      changed = true;
    }
  }
  std::optional<TransitionRequest> next;
  if (all_authorized && !order->shares.empty())
    next = TransitionRequest{std::string(status_placed), Actor::system, "", "", std::nullopt};
  else if (failed && order->payment_mode == payment_single)
    next = TransitionRequest{std::string(status_cancelled), Actor::system, "",
                             "the card's verification failed", std::nullopt};
  if (next) {
    auto moved = transition(order_id, *next);
    if (moved || !lost_race(moved.error())) return moved;
  }
  RF_TRY(now, get_any(order_id));
  if (changed && listener_) listener_(*now);
  return now;
}

Status Service::on_payment_changed(const bus::Envelope& event) {
  auto changed = modules::payload::from_payload<payments::events::IntentChanged>(
      event.type, event.payload_json);
  if (!changed || changed->order_id.empty()) {
    log::error("orders_payment_event_rejected",
               {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  // Most intents belong to orders paid at checkout: one light read tells.
  RF_TRY(status, db_.read([&](store::Transaction& tx) {
    return repository::status_of(tx, changed->order_id);
  }));
  if (*status != status_awaiting_payment) return {};
  auto settled = settle_payment(changed->order_id);
  // An intent of an order not written yet (checkout writes it after authorizing) or never
  // written: checkout itself, or the release of its orphan hold, takes care of it.
  if (!settled && settled.error().code == ErrorCode::not_found) return {};
  if (!settled) return std::unexpected(settled.error());
  return {};
}

Result<std::int64_t> Service::expire_unpaid(std::int64_t batch_max) {
  RF_TRY(ids, db_.read([&](store::Transaction& tx) {
    return repository::payment_overdue(tx, clock_(), batch_max);
  }));
  std::int64_t expired = 0;
  for (const auto& id : *ids) {
    // A challenge completed whose event has not arrived yet still places the order.
    if (auto settled = settle_payment(id); settled && settled->status != status_awaiting_payment)
      continue;
    auto done = transition(id, {std::string(status_cancelled), Actor::system, "",
                                "the payment was not completed in time", std::nullopt});
    if (!done && !lost_race(done.error())) return std::unexpected(done.error());
    if (done) ++expired;
  }
  metrics_.unpaid_expired.inc(static_cast<double>(expired));
  return static_cast<std::int64_t>(ids->size());
}

Result<OrderPage> Service::order_of_cart(const Caller& caller, std::string_view cart_id) {
  RF_TRY(id,
         db_.read([&](store::Transaction& tx) { return repository::order_of_cart(tx, cart_id); }));
  OrderPage page;
  if (!*id) return page;
  auto order = get(caller, **id);
  if (!order && order.error().code == ErrorCode::not_found) return page;
  if (!order) return std::unexpected(order.error());
  page.orders.push_back(std::move(*order));
  return page;
}

// Each share's intent captured with its part of the settlement at delivery, or given back in
// full by an admin's refund; an intent already captured or refunded is skipped, so a retry
// after a failure in the middle finishes the rest.
Status Service::take_split_payment(const Order& order, std::string_view next,
                                   const std::string& reason) {
  using payments::IntentStatus;
  std::vector<std::int64_t> amounts;
  for (const auto& share : order.shares) amounts.push_back(share.amount.amount_minor);
  RF_TRY(whole, settlement_of(order.price));
  const auto settlements = split_settlement(*whole, amounts);
  for (std::size_t i = 0; i < order.shares.size(); ++i) {
    const auto& share = order.shares[i];
    if (share.intent_id.empty()) continue;
    RF_TRY(intent, payments_.intent(share.intent_id));
    if (next == status_delivered && intent->status == IntentStatus::authorized) {
      RF_TRY(captured, payments_.capture(intent->id, share.amount, settlements[i]));
    }
    if (next == status_refunded && (intent->status == IntentStatus::captured ||
                                    intent->status == IntentStatus::partially_refunded)) {
      RF_TRY(rest, modules::subtract(intent->captured, intent->refunded));
      RF_TRY(refunded, payments_.refund(intent->id, *rest, reason));
    }
  }
  return {};
}

}  // namespace reskflow::orders

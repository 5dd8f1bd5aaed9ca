// The order state machine at work: each transition checked (lifecycle.h), a capture or refund
// taken first (each safe to repeat), then the new state, a timeline entry, the stock given back
// and the hold's release recorded when the order will not be made, and the event, in one
// transaction; the hold is released last (service_releases.cc).
#include <algorithm>
#include <chrono>

#include "publish.h"
#include "reskflow/orders/orders.h"
#include "service.h"
#include "split.h"

namespace reskflow::orders {
namespace {

constexpr std::int64_t prep_minutes_max = 240;

std::string_view actor_name(Actor actor) {
  switch (actor) {
    case Actor::customer: return "customer";
    case Actor::merchant: return "merchant";
    case Actor::courier: return "courier";
    case Actor::admin: return "admin";
    case Actor::system: return "system";
  }
  return "system";
}

bool releases_hold(std::string_view next) {
  return next == status_rejected || next == status_cancelled || next == status_refunded;
}

bool gives_stock_back(std::string_view next) {
  return next == status_rejected || next == status_cancelled;
}

// With platform delivery the courier carries the order: its merchant hands it over and no more.
Status check_carrier(const Order& order, const TransitionRequest& request) {
  const bool carrying = request.next == status_picked_up || request.next == status_delivered ||
                        request.next == status_failed;
  if (request.actor != Actor::merchant || !carrying || order.delivery_mode != "platform") return {};
  Error error{ErrorCode::invalid_transition,
              "a platform courier carries this order: it becomes " + request.next +
                  " when the courier says so",
              {},
              {}};
  error.members.push_back({"current_status", order.status});
  error.members.push_back({"allowed", ""});
  return std::unexpected(std::move(error));
}

Status check_request(const TransitionRequest& request) {
  if (request.next == status_accepted &&
      (!request.prep_time_minutes || *request.prep_time_minutes < 1 ||
       *request.prep_time_minutes > prep_minutes_max))
    return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
                {{"prep_time_minutes", "must be from 1 to " + std::to_string(prep_minutes_max)}});
  if (request.next == status_rejected && request.reason.empty())
    return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
                {{"reason", "is required: the customer is told why"}});
  return {};
}

}  // namespace

// Money that moves to or from the customer's card: before the state, so a failure leaves the
// order where it was and the same request can be sent again.
Status Service::take_payment(const Order& order, std::string_view next, const std::string& reason) {
  using payments::IntentStatus;
  if (next != status_delivered && next != status_refunded) return {};
  if (order.payment_mode == payment_split) return take_split_payment(order, next, reason);
  if (order.payment_intent_id.empty()) return {};
  RF_TRY(intent, payments_.intent(order.payment_intent_id));
  const auto status = intent->status;
  if (next == status_delivered && status == IntentStatus::authorized) {
    RF_TRY(settlement, settlement_of(order.price));
    RF_TRY(captured, payments_.capture(intent->id, order.price.total, *settlement));
  }
  if (next == status_refunded &&
      (status == IntentStatus::captured || status == IntentStatus::partially_refunded)) {
    RF_TRY(rest, modules::subtract(intent->captured, intent->refunded));
    RF_TRY(refunded, payments_.refund(intent->id, *rest, reason));
  }
  return {};
}

Status Service::commit_transition(const Order& before, Order& after,
                                  const TransitionRequest& request) {
  std::vector<catalog::StockLine> stock;
  for (const auto& line : before.lines) stock.push_back({line.item_id, line.quantity});
  const TimelineEntry entry{after.status,
                            after.updated_at_us,
                            std::string(actor_name(request.actor)),
                            after.status == status_accepted
                                ? std::to_string(*after.prep_time_minutes) + " min"
                                : request.reason,
                            before.status,
                            request.user_id};
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(updated, repository::update_state(tx, after, before.version));
    if (!*updated)
      return fail(ErrorCode::conflict, "the order changed meanwhile; reload it and try again");
    RF_TRY(appended, repository::append_timeline(tx, after.id, entry));
    if (gives_stock_back(after.status)) {
      RF_TRY(released, catalog_.release_stock(tx, after.merchant_id, stock));
    }
    if (releases_hold(after.status)) {
      RF_TRY(scheduled, schedule_release(tx, after));
    }
    return publish_change(tx, after);
  });
}

Result<Order> Service::transition(std::string_view order_id, const TransitionRequest& request) {
  RF_TRY(valid, check_request(request));
  RF_TRY(before, get_any(order_id));
  if (request.actor == Actor::customer && before->customer_id != request.user_id)
    return fail(ErrorCode::not_found, "no such order");
  RF_TRY(allowed, check_transition(before->status, request.next, request.actor));
  RF_TRY(carrier, check_carrier(*before, request));
  Order after = *before;
  after.status = request.next;
  after.version += 1;
  after.updated_at_us = std::max(clock_(), before->updated_at_us);
  if (request.prep_time_minutes) after.prep_time_minutes = request.prep_time_minutes;
  if (before->status == status_awaiting_payment) {
    // Paid (or given up): a scheduled order keeps its queue time, any other joins the queue now.
    after.payment_due_us.reset();
    after.queue_at_us = std::max(before->queue_at_us, after.updated_at_us);
  }
  if (!request.reason.empty()) after.reason = request.reason;
  if (auto paid = take_payment(*before, request.next, after.reason); !paid) {
    metrics_.payment_failures.inc();
    return std::unexpected(paid.error());
  }
  RF_TRY(committed, commit_transition(*before, after, request));
  if (releases_hold(request.next)) release_hold(after);
  RF_TRY(reread, get_any(order_id));
  metrics_.transitions.inc();
  if (listener_) listener_(*reread);
  return reread;
}

Result<std::int64_t> Service::reject_unanswered(std::int64_t batch_max) {
  const auto timeout_us =
      std::chrono::duration_cast<std::chrono::microseconds>(settings_.accept_timeout_s).count();
  RF_TRY(ids, db_.read([&](store::Transaction& tx) {
    return repository::unanswered(tx, clock_() - timeout_us, batch_max);
  }));
  std::int64_t rejected = 0;
  for (const auto& id : *ids) {
    auto done = transition(id, {std::string(status_rejected), Actor::system, "",
                                "the restaurant did not answer in time", std::nullopt});
    // Answered meanwhile: the merchant came first, which is fine.
    if (!done && done.error().code != ErrorCode::invalid_transition &&
        done.error().code != ErrorCode::conflict)
      return std::unexpected(done.error());
    if (done) ++rejected;
  }
  metrics_.auto_rejected.inc(static_cast<double>(rejected));
  return static_cast<std::int64_t>(ids->size());
}

Result<Order> Service::get_any(std::string_view order_id) {
  RF_TRY(found, db_.read([&](store::Transaction& tx) { return repository::order(tx, order_id); }));
  if (!*found) return fail(ErrorCode::not_found, "no such order");
  return std::move(**found);
}

Result<Order> Service::get(const Caller& caller, std::string_view order_id) {
  RF_TRY(order, get_any(order_id));
  const auto pays = std::ranges::any_of(
      order->shares, [&](const PaymentShare& s) { return s.user_id == caller.user_id; });
  if (!caller.admin && order->customer_id != caller.user_id && !pays)
    return fail(ErrorCode::not_found, "no such order");
  return order;
}

Result<OrderPage> Service::list(repository::Filter filter) {
  const auto limit = filter.limit;
  filter.limit = limit + 1;
  RF_TRY(orders, db_.read([&](store::Transaction& tx) { return repository::list(tx, filter); }));
  OrderPage page;
  if (static_cast<std::int64_t>(orders->size()) > limit) {
    orders->resize(static_cast<std::size_t>(limit));
    page.next_cursor = orders->back().id;
  }
  page.orders = std::move(*orders);
  return page;
}

Result<OrderPage> Service::merchant_queue(std::string_view merchant_id, std::string status,
                                          std::string cursor, std::int64_t limit) {
  repository::Filter filter;
  filter.merchant_id = std::string(merchant_id);
  filter.status = std::move(status);
  filter.queued_by_us = clock_();
  filter.after_id = std::move(cursor);
  filter.oldest_first = true;
  filter.limit = limit;
  return list(std::move(filter));
}

}  // namespace reskflow::orders

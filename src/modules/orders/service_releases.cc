// Releasing the payment holds of orders that will not be made: the need is written with the
// change that decided it (orders_hold_releases), tried at once, and retried with backoff by the
// module's job until the provider releases the hold (docs/orders.md, "Releasing holds").
#include <algorithm>

#include "reskflow/core/log.h"
#include "service.h"

namespace reskflow::orders {
namespace {

bool holds_money(payments::IntentStatus status) {
  return status == payments::IntentStatus::authorized ||
         status == payments::IntentStatus::requires_action;
}

// The provider released the hold, or there is none left to release.
Status release_at_provider(payments::Payments& payments, std::string_view intent_id) {
  auto intent = payments.intent(intent_id);
  if (!intent && intent.error().code == ErrorCode::not_found) return {};
  if (!intent) return std::unexpected(intent.error());
  if (!holds_money(intent->status)) return {};
  if (auto cancelled = payments.cancel(intent_id); !cancelled)
    return std::unexpected(cancelled.error());
  return {};
}

// Every hold the order may have: its single payer's, or each share's.
std::vector<std::string> intents_of(const Order& order) {
  std::vector<std::string> out;
  if (!order.payment_intent_id.empty()) out.push_back(order.payment_intent_id);
  for (const auto& share : order.shares) {
    if (!share.intent_id.empty() && std::ranges::find(out, share.intent_id) == out.end())
      out.push_back(share.intent_id);
  }
  return out;
}

}  // namespace

std::int64_t Service::release_backoff_us(std::int64_t attempts) const {
  using std::chrono::microseconds;
  const auto first = std::chrono::duration_cast<microseconds>(settings_.hold_release_retry_ms);
  const auto most = std::chrono::duration_cast<microseconds>(settings_.hold_release_retry_max_ms);
  auto delay = first.count();
  for (std::int64_t i = 1; i < attempts && delay < most.count(); ++i) delay *= 2;
  return std::min(delay, most.count());
}

Status Service::schedule_release(store::Transaction& tx, const Order& order) {
  for (const auto& intent_id : intents_of(order)) {
    RF_TRY(scheduled, repository::schedule_release(tx, {intent_id, order.id, 0},
                                                   clock_() + release_backoff_us(1)));
  }
  return {};
}

Status Service::attempt_release(const repository::HoldRelease& release) {
  auto released = release_at_provider(payments_, release.intent_id);
  if (released) {
    return db_.write(
        [&](store::Transaction& tx) { return repository::release_done(tx, release.intent_id); });
  }
  const auto attempts = release.attempts + 1;
  metrics_.payment_failures.inc();
  log::warn("orders_hold_release_failed", {{"order_id", release.order_id},
                                           {"intent_id", release.intent_id},
                                           {"attempts", attempts},
                                           {"detail", released.error().detail}});
  RF_TRY(recorded, db_.write([&](store::Transaction& tx) {
    return repository::release_failed(tx, release.intent_id, attempts,
                                      clock_() + release_backoff_us(attempts),
                                      released.error().detail);
  }));
  return released;
}

// After the state says so: a move that lost a race to another never releases the hold of an
// order that goes on. A failure stays in orders_hold_releases for the job.
void Service::release_hold(const Order& order) {
  for (const auto& intent_id : intents_of(order)) {
    if (auto released = attempt_release({intent_id, order.id, 0}); !released)
      log::debug("orders_hold_release_deferred", {{"order_id", order.id}});
  }
}

// A hold whose order was never written: the release is recorded on its own, so the job retries
// it if the provider failed.
void Service::release_orphan_hold(const std::string& intent_id, const std::string& order_id) {
  const repository::HoldRelease release{intent_id, order_id, 0};
  auto recorded = db_.write([&](store::Transaction& tx) {
    return repository::schedule_release(tx, release, clock_() + release_backoff_us(1));
  });
  if (auto released = attempt_release(release); released) {
    metrics_.holds_released_after_failure.inc();
  } else if (!recorded) {
    log::warn("orders_orphan_hold_unrecorded",
              {{"intent_id", intent_id}, {"detail", recorded.error().detail}});
  }
}

Result<std::int64_t> Service::retry_releases(std::int64_t batch_max) {
  RF_TRY(due, db_.read([&](store::Transaction& tx) {
    return repository::due_releases(tx, clock_(), batch_max);
  }));
  for (const auto& release : *due) {
    if (auto released = attempt_release(release); released) metrics_.holds_released_on_retry.inc();
  }
  return static_cast<std::int64_t>(due->size());
}

}  // namespace reskflow::orders

// Subscribing with the first period paid at once, the customer's reads, cancelling at the
// period's end and resuming; charging a period through payments (shared with renewals).
#include "periods.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::subscriptions {
namespace {

constexpr std::string_view challenge_refused =
    "This card asks for a confirmation step, which a monthly payment made while you are away "
    "cannot answer. Use a card that does not ask for one.";

std::unexpected<Error> no_subscription() {
  return fail(ErrorCode::not_found, "you have no subscription");
}

// Another writer (the renewal job) changed the row between this transaction's read and write.
std::unexpected<Error> changed_meanwhile() {
  return fail(ErrorCode::conflict, "your subscription changed at this very moment; try again");
}

}  // namespace

std::string payment_reference(std::string_view subscription_id, std::int64_t period_number) {
  return std::string(events::payment_order_prefix) + std::string(subscription_id) + ":" +
         std::to_string(period_number);
}

std::int64_t Service::renewal_due_at(const Subscription& s) const {
  if (s.cancel_at_period_end) return s.period_end_us;
  const auto ahead_us = std::chrono::microseconds(settings_.renew_ahead_hours).count();
  return s.period_end_us - ahead_us;
}

Result<payments::Intent> Service::capture(const payments::Intent& intent,
                                          const modules::Money& amount) {
  const modules::Money zero{0, amount.currency};
  auto captured = payments_.capture(intent.id, amount, {zero, amount, zero, zero});
  if (captured || captured.error().code != ErrorCode::invalid_transition) return captured;
  // Another run captured it first (a restart, a second node): what counts is where it is now.
  return payments_.intent(intent.id);
}

// Authorizes and captures the period's amount as the platform's revenue. Each step is safe to
// repeat: payments keeps one intent per period and customer, and a captured one is paid.
Result<Service::Charge> Service::charge(const Subscription& s, const Period& period) {
  auto intent = payments_.authorize({payment_reference(s.id, period.number), s.customer_id,
                                     std::string(payee_platform), period.amount, s.payment_method});
  if (!intent) {
    if (intent.error().code != ErrorCode::payment_declined) return std::unexpected(intent.error());
    std::string intent_id;
    for (const auto& m : intent.error().members) {
      if (m.name == "intent_id") intent_id = m.value;
    }
    return Charge{false, intent_id, intent.error().detail};
  }
  if (intent->status == payments::IntentStatus::requires_action) {
    RF_TRY(released, payments_.cancel(intent->id));
    return Charge{false, intent->id, std::string(challenge_refused)};
  }
  if (intent->status == payments::IntentStatus::authorized) {
    RF_TRY(captured, capture(*intent, period.amount));
    intent = std::move(*captured);
  }
  if (intent->captured.amount_minor == 0)
    return Charge{false, intent->id,
                  "The payment is " + std::string(payments::status_name(intent->status)) + "."};
  return Charge{true, intent->id, {}};
}

Result<Subscription> Service::open_incomplete(std::string_view customer_id,
                                              std::string_view plan_id,
                                              const std::string& payment_method) {
  return db_.write([&](store::Transaction& tx) -> Result<Subscription> {
    RF_TRY(plan, repository::plan(tx, plan_id));
    if (!*plan || !(*plan)->active) return fail(ErrorCode::not_found, "no such plan on sale");
    RF_TRY(live, repository::live_of(tx, customer_id));
    if (*live) {
      const auto& was = **live;
      // A subscribe that stopped half-way (a crash before the answer): the retry finishes it.
      if (was.status == status_incomplete && was.plan.id == plan_id &&
          was.payment_method == payment_method)
        return was;
      return fail(ErrorCode::conflict,
                  was.status == status_incomplete
                      ? "your subscription to " + was.plan.name +
                            " is still being paid for: subscribe to it again with the same card"
                      : "you already subscribe to " + was.plan.name +
                            "; cancel it and subscribe again when it ends");
    }
    const auto now = clock_();
    Subscription s;
    s.id = store::new_uuid_v7();
    s.customer_id = std::string(customer_id);
    s.plan = std::move(**plan);
    s.status = std::string(status_incomplete);
    s.payment_method = payment_method;
    s.anchor_at_us = s.period_start_us = now;
    s.period_end_us = add_months(now, 1);
    s.next_renewal_at_us = renewal_due_at(s);
    s.created_at_us = s.updated_at_us = now;
    RF_TRY(inserted, repository::insert_subscription(tx, s));
    RF_TRY(first, repository::period_once(tx, {s.id,
                                               0,
                                               s.period_start_us,
                                               s.period_end_us,
                                               s.plan.price,
                                               std::string(period_pending),
                                               {},
                                               0,
                                               std::nullopt}));
    return s;
  });
}

Result<Subscription> Service::subscribe(std::string_view customer_id, std::string_view plan_id,
                                        const std::string& payment_method) {
  RF_TRY(s, open_incomplete(customer_id, plan_id, payment_method));
  RF_TRY(period, db_.read([&](store::Transaction& tx) -> Result<Period> {
    RF_TRY(all, repository::periods(tx, s->id));
    return all->front();
  }));
  RF_TRY(charged, charge(*s, *period));
  if (charged->paid) return start_paid(*s, *period, *charged);
  RF_TRY(dropped, db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(now, repository::subscription(tx, s->id));
    if (!*now || (*now)->status != status_incomplete) return {};
    return repository::delete_subscription(tx, s->id);
  }));
  return std::unexpected(
      Error{ErrorCode::payment_declined,
            charged->decline_reason,
            {},
            {{"intent_id", charged->intent_id}, {"decline_reason", charged->decline_reason}}});
}

Result<Subscription> Service::start_paid(const Subscription& s, const Period& period,
                                         const Charge& c) {
  Subscription after = s;
  after.status = std::string(status_active);
  after.updated_at_us = clock_();
  bool started = false;
  RF_TRY(written, db_.write([&](store::Transaction& tx) -> Result<Subscription> {
    started = false;
    Period paid = period;
    paid.status = std::string(period_paid);
    paid.intent_id = c.intent_id;
    paid.attempts += 1;
    paid.paid_at_us = after.updated_at_us;
    RF_TRY(won, write(tx, after, s.version, events::subscription_started));
    if (!*won) {
      RF_TRY(current, repository::subscription(tx, s.id));
      if (!*current) return no_subscription();
      return std::move(**current);
    }
    RF_TRY(updated, repository::update_period(tx, paid));
    started = true;
    return after;
  }));
  if (started) metrics_.started.inc();
  return written;
}

Result<bool> Service::write(store::Transaction& tx, const Subscription& after,
                            std::int64_t expected_version, std::string_view event_type,
                            const std::string& reason) {
  RF_TRY(won, repository::update_subscription(tx, after, expected_version));
  if (!*won) return false;
  events::SubscriptionChanged e{after.id,
                                after.customer_id,
                                after.plan.id,
                                after.plan.name,
                                after.status,
                                after.plan.price,
                                after.period_end_us,
                                after.cancel_at_period_end,
                                after.renewal_failures,
                                std::nullopt,
                                reason,
                                after.updated_at_us};
  if (after.status == status_past_due) e.next_attempt_at_us = after.next_renewal_at_us;
  RF_TRY(published,
         bus::publish(tx, {std::string(event_type), after.id, modules::payload::to_payload(e)}));
  return true;
}

Result<Subscription> Service::mine(std::string_view customer_id) {
  RF_TRY(found,
         db_.read([&](store::Transaction& tx) { return repository::latest_of(tx, customer_id); }));
  if (!*found) return no_subscription();
  return std::move(**found);
}

Result<Subscription> Service::live(store::Transaction& tx, std::string_view customer_id) {
  RF_TRY(found, repository::live_of(tx, customer_id));
  if (!*found || (*found)->status == status_incomplete) return no_subscription();
  return std::move(**found);
}

Result<Subscription> Service::cancel(std::string_view customer_id) {
  return db_.write([&](store::Transaction& tx) -> Result<Subscription> {
    RF_TRY(s, live(tx, customer_id));
    if (s->cancel_at_period_end) return std::move(*s);
    Subscription after = *s;
    after.updated_at_us = clock_();
    if (s->status == status_past_due) {
      // Nothing paid is left to run out: it ends now.
      after.status = std::string(status_ended);
      after.ended_at_us = after.updated_at_us;
      after.ended_reason = "cancelled by the customer while a renewal was unpaid";
      RF_TRY(won, write(tx, after, s->version, events::subscription_ended, after.ended_reason));
      if (!*won) return changed_meanwhile();
      metrics_.ended.inc();
      return after;
    }
    after.cancel_at_period_end = true;
    after.next_renewal_at_us = renewal_due_at(after);
    RF_TRY(won, write(tx, after, s->version, events::subscription_cancelled));
    if (!*won) return changed_meanwhile();
    return after;
  });
}

Result<Subscription> Service::resume(std::string_view customer_id) {
  return db_.write([&](store::Transaction& tx) -> Result<Subscription> {
    auto s = live(tx, customer_id);
    if (!s && s.error().code == ErrorCode::not_found) {
      RF_TRY(latest, repository::latest_of(tx, customer_id));
      if (*latest)
        return fail(ErrorCode::invalid_transition,
                    "your subscription has ended; subscribe again to get its benefits back");
    }
    if (!s) return std::unexpected(s.error());
    if (!s->cancel_at_period_end) return std::move(*s);
    RF_TRY(all, repository::periods(tx, s->id));
    for (const auto& p : *all) {
      // The cancellation came while that month was charged, and its payment was given back.
      if (p.number == s->period_number + 1 && p.status == period_failed)
        return fail(ErrorCode::invalid_transition,
                    "the next month's payment was refunded when you cancelled, so this membership "
                    "ends with its period; subscribe again then");
    }
    Subscription after = *s;
    after.cancel_at_period_end = false;
    after.next_renewal_at_us = renewal_due_at(after);
    after.updated_at_us = clock_();
    RF_TRY(won, write(tx, after, s->version, events::subscription_resumed));
    if (!*won) return changed_meanwhile();
    return after;
  });
}

}  // namespace reskflow::subscriptions

// The renewal job's rules: bill the next period when the current one ends (or end a cancelled
// subscription), retry a declined renewal after the configured delays, then end it.
#include "periods.h"
#include "repository.h"
#include "reskflow/core/log.h"
#include "service.h"

namespace reskflow::subscriptions {

Result<std::int64_t> Service::renew_due(std::int64_t batch_max) {
  RF_TRY(ids, db_.read([&](store::Transaction& tx) {
    return repository::due(tx, clock_(), batch_max);
  }));
  std::int64_t settled = 0;
  for (const auto& id : *ids) {
    if (auto ok = renew(id); !ok) {
      metrics_.renewal_errors.inc();
      log::warn("subscriptions_renewal_failed",
                {{"subscription_id", id}, {"detail", ok.error().detail}});
      continue;
    }
    ++settled;
  }
  return settled;
}

// One subscription, read again: another run may have moved it since the batch was read.
Status Service::renew(std::string_view subscription_id) {
  RF_TRY(found, db_.read([&](store::Transaction& tx) {
    return repository::subscription(tx, subscription_id);
  }));
  if (!*found) return {};
  const auto& s = **found;
  const auto now = clock_();
  const bool live = s.status == status_active || s.status == status_past_due;
  if (!live || s.next_renewal_at_us > now) return {};
  if (s.cancel_at_period_end) return end_cancelled(s);
  RF_TRY(period, db_.write([&](store::Transaction& tx) {
    // The amount is the plan's price when the period is first billed; retries keep it.
    return repository::period_once(tx, next_period(s));
  }));
  RF_TRY(charged, charge(s, *period));
  if (!charged->paid) return record_decline(s, *period, *charged);
  RF_TRY(recorded, record_renewal(s, *period, *charged));
  return {};
}

Period Service::next_period(const Subscription& s) const {
  const auto number = s.period_number + 1;
  return {s.id,
          number,
          add_months(s.anchor_at_us, number),
          add_months(s.anchor_at_us, number + 1),
          s.plan.price,
          std::string(period_pending),
          {},
          0,
          std::nullopt};
}

Result<bool> Service::record_renewal(const Subscription& s, const Period& period, const Charge& c,
                                     bool keep_card) {
  Subscription after = s;
  after.status = std::string(status_active);
  after.period_number = period.number;
  after.period_start_us = period.starts_at_us;
  after.period_end_us = period.ends_at_us;
  after.renewal_failures = 0;
  after.next_renewal_at_us = renewal_due_at(after);
  after.updated_at_us = clock_();
  bool renewed = false;
  RF_TRY(written, db_.write([&](store::Transaction& tx) -> Status {
    renewed = false;
    RF_TRY(won, write(tx, after, s.version, events::subscription_renewed));
    if (!*won) return {};
    Period paid = period;
    paid.status = std::string(period_paid);
    paid.intent_id = c.intent_id;
    paid.attempts += 1;
    paid.paid_at_us = after.updated_at_us;
    renewed = true;
    if (keep_card) {
      RF_TRY(kept, repository::set_payment_method(tx, s.id, s.payment_method, after.updated_at_us));
    }
    return repository::update_period(tx, paid);
  }));
  if (renewed) {
    metrics_.renewed.inc();
  } else {
    RF_TRY(refunded, refund_if_not_renewing(s, period, c));
  }
  return renewed;
}

Status Service::refund_if_not_renewing(const Subscription& s, const Period& period,
                                       const Charge& c) {
  RF_TRY(orphan, db_.read([&](store::Transaction& tx) -> Result<bool> {
    RF_TRY(now, repository::subscription(tx, s.id));
    if (!*now) return false;
    const bool ended = (*now)->status == status_ended;
    const bool cancelled_before_it =
        (*now)->cancel_at_period_end && (*now)->period_number == s.period_number;
    if (!ended && !cancelled_before_it) return false;
    RF_TRY(all, repository::periods(tx, s.id));
    for (const auto& p : *all)
      if (p.number == period.number) return p.status != period_paid;
    return true;
  }));
  if (!*orphan) return {};
  RF_TRY(refunded, payments_.refund(c.intent_id, period.amount,
                                    "the membership ended while this month was being charged"));
  RF_TRY(marked, db_.write([&](store::Transaction& tx) {
    Period given_back = period;
    given_back.status = std::string(period_failed);
    given_back.intent_id = c.intent_id;
    given_back.attempts += 1;
    return repository::update_period(tx, given_back);
  }));
  metrics_.charges_refunded.inc();
  log::info("subscriptions_charge_refunded",
            {{"subscription_id", s.id}, {"intent_id", c.intent_id}});
  return {};
}

// The n-th decline waits retry_delays[n - 1] before the next attempt; one more ends it.
Status Service::record_decline(const Subscription& s, const Period& period, const Charge& c) {
  Subscription after = s;
  after.renewal_failures = s.renewal_failures + 1;
  after.updated_at_us = clock_();
  const auto retries = static_cast<std::int64_t>(settings_.retry_delays.size());
  const bool gives_up = after.renewal_failures > retries;
  if (gives_up) {
    after.status = std::string(status_ended);
    after.ended_at_us = after.updated_at_us;
    after.ended_reason = "the renewal payment was declined " +
                         std::to_string(after.renewal_failures) + " times: " + c.decline_reason;
  } else {
    after.status = std::string(status_past_due);
    const auto delay = settings_.retry_delays[static_cast<std::size_t>(after.renewal_failures - 1)];
    after.next_renewal_at_us =
        after.updated_at_us + std::chrono::duration_cast<std::chrono::microseconds>(delay).count();
  }
  bool won_race = false;
  RF_TRY(written, db_.write([&](store::Transaction& tx) -> Status {
    won_race = false;
    RF_TRY(won, write(tx, after, s.version, events::renewal_failed, c.decline_reason));
    if (!*won) return {};
    won_race = true;
    Period failed = period;
    failed.status = std::string(period_failed);
    failed.intent_id = c.intent_id;
    failed.attempts += 1;
    RF_TRY(updated, repository::update_period(tx, failed));
    if (!gives_up) return {};
    RF_TRY(ended, write(tx, after, s.version + 1, events::subscription_ended, after.ended_reason));
    return {};
  }));
  if (!won_race) return {};
  metrics_.renewals_declined.inc();
  if (gives_up) metrics_.ended.inc();
  return {};
}

Status Service::end_cancelled(const Subscription& s) {
  Subscription after = s;
  after.status = std::string(status_ended);
  after.updated_at_us = clock_();
  after.ended_at_us = s.period_end_us;
  after.ended_reason = "cancelled by the customer";
  bool ended = false;
  RF_TRY(written, db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(won, write(tx, after, s.version, events::subscription_ended, after.ended_reason));
    ended = *won;
    return {};
  }));
  if (ended) metrics_.ended.inc();
  return {};
}

}  // namespace reskflow::subscriptions

// The send queue: due sends go out through their channel's sender; a failure worth retrying
// waits with exponential backoff and pauses its channel (email, SMS), the rest become dead
// letters that an admin may replay. A push subscription the push service calls gone is removed.
#include <algorithm>

#include "reskflow/core/log.h"
#include "service.h"

namespace reskflow::notifications {

std::int64_t Service::backoff_us(std::int64_t attempts) const {
  std::int64_t ms = settings_.retry_backoff_initial_ms;
  for (std::int64_t i = 1; i < attempts && ms < settings_.retry_backoff_max_ms; ++i) ms *= 2;
  return std::min(ms, settings_.retry_backoff_max_ms) * 1'000;
}

bool Service::paused(Channel channel, std::int64_t now_us) {
  const std::lock_guard lock(pause_mutex_);
  return paused_until_us_.at(static_cast<std::size_t>(channel)) > now_us;
}

void Service::pause(Channel channel, std::int64_t until_us) {
  const std::lock_guard lock(pause_mutex_);
  paused_until_us_.at(static_cast<std::size_t>(channel)) = until_us;
}

Sender* Service::sender_of(Channel channel) const {
  switch (channel) {
    case Channel::email: return senders_.email.get();
    case Channel::sms: return senders_.sms.get();
    case Channel::push: return senders_.push.get();
    case Channel::in_app: return nullptr;
  }
  return nullptr;
}

Result<Outgoing> Service::outgoing_of(const Send& send) {
  if (send.channel == Channel::push) return push_outgoing_of(send);
  if (send.sealed) {
    RF_TRY(mail, directory_.open_mail(*send.sealed));
    return Outgoing{send.id, std::move(mail->to), std::move(mail->subject), std::move(mail->body),
                    "",      std::nullopt};
  }
  RF_TRY(contact, directory_.contact(send.user_id));
  if (!*contact) return fail(ErrorCode::not_found, "the account is gone or suspended");
  const auto& to = send.channel == Channel::sms ? (*contact)->phone : (*contact)->email;
  if (to.empty())
    return fail(ErrorCode::not_found, send.channel == Channel::sms
                                          ? "the account has no phone number"
                                          : "the account has no email address");
  return Outgoing{send.id, to, send.subject, send.text, send.html, std::nullopt};
}

repository::Attempt Service::attempt(const Send& send) {
  const auto now = clock_();
  repository::Attempt out{std::string(status_pending), send.attempts + 1, now, "", {}, {}};
  auto outgoing = outgoing_of(send);
  if (!outgoing && outgoing.error().code == ErrorCode::not_found) {
    out.status = status_skipped;
    out.last_error = outgoing.error().detail;
    return out;
  }
  auto* sender = sender_of(send.channel);
  Result<Accepted> accepted = fail(ErrorCode::unavailable, "no sender for the channel");
  if (!outgoing) {
    accepted = std::unexpected(outgoing.error());
  } else if (sender != nullptr) {
    accepted = sender->send(*outgoing);
  }
  if (accepted) {
    out.status = status_sent;
    out.provider_id = accepted->provider_id;
    out.provider_status = accepted->provider_status;
    return out;
  }
  out.last_error = accepted.error().detail;
  if (send.channel == Channel::push && accepted.error().code == ErrorCode::not_found) {
    // 404 or 410 from the push service: the device unsubscribed; it gets nothing more.
    out.status = status_skipped;
    out.subscription_gone = true;
    return out;
  }
  if (!retryable(accepted.error()) || out.attempts >= settings_.send_attempts_max) {
    out.status = status_dead;
    return out;
  }
  out.next_attempt_at_us = now + backoff_us(out.attempts);
  // Each push subscription has its own push service: one failing does not hold the others.
  if (send.channel != Channel::push) pause(send.channel, out.next_attempt_at_us);
  return out;
}

Result<DispatchReport> Service::dispatch() {
  const auto now = clock_();
  RF_TRY(due, db_.read([&](store::Transaction& tx) {
    return repository::due_sends(tx, now, settings_.dispatch_batch_max);
  }));
  DispatchReport report;
  for (const auto& send : *due) {
    if (paused(send.channel, clock_())) continue;
    const auto outcome = attempt(send);
    RF_TRY(recorded, db_.write([&](store::Transaction& tx) {
      return repository::record_attempt(tx, send.id, outcome, clock_());
    }));
    if (outcome.status == status_sent) {
      ++report.sent;
      metrics_.sent.inc();
    } else if (outcome.status == status_skipped) {
      ++report.skipped;
      metrics_.skipped.inc();
      if (outcome.subscription_gone) metrics_.push_subscriptions_gone.inc();
    } else if (outcome.status == status_dead) {
      ++report.dead;
      metrics_.dead.inc();
      log::warn("notification_dead_letter", {{"send_id", send.id},
                                             {"channel", std::string(channel_name(send.channel))},
                                             {"detail", outcome.last_error}});
    } else {
      ++report.retried;
      metrics_.retried.inc();
    }
  }
  return report;
}

namespace {

// `limit` + 1 rows read: the extra one says another page follows.
Page<Send> page_of(std::vector<Send> sends, std::int64_t limit) {
  Page<Send> out;
  if (static_cast<std::int64_t>(sends.size()) > limit) {
    sends.resize(static_cast<std::size_t>(limit));
    out.next_cursor = sends.back().id;
  }
  out.items = std::move(sends);
  return out;
}

}  // namespace

Result<Page<Send>> Service::dead_letters(const PageRequest& page) {
  RF_TRY(sends, db_.read([&](store::Transaction& tx) {
    return repository::dead_sends(tx, page.cursor.value_or(""), page.limit + 1);
  }));
  return page_of(std::move(*sends), page.limit);
}

Result<Page<Send>> Service::sends_of(std::string_view user_id, const PageRequest& page) {
  RF_TRY(sends, db_.read([&](store::Transaction& tx) {
    return repository::user_sends(tx, user_id, page.cursor.value_or(""), page.limit + 1);
  }));
  return page_of(std::move(*sends), page.limit);
}

Result<Send> Service::replay(std::string_view id) {
  RF_TRY(replayed, db_.write([&](store::Transaction& tx) -> Result<Send> {
    RF_TRY(revived, repository::revive(tx, id, clock_()));
    RF_TRY(send, repository::send(tx, id));
    if (!*send) return fail(ErrorCode::not_found, "no such send");
    if (!*revived) return fail(ErrorCode::conflict, "only a dead letter can be replayed");
    tx.notify_after_commit(consumer_events);
    return std::move(**send);
  }));
  metrics_.replayed.inc();
  pause(replayed->channel, 0);  // an admin says the provider is back: try it now
  return std::move(*replayed);
}

Status Service::record_provider_status(std::string_view provider_id, std::string_view status) {
  RF_TRY(known, db_.write([&](store::Transaction& tx) {
    return repository::set_provider_status(tx, provider_id, status, clock_());
  }));
  if (!*known) return fail(ErrorCode::not_found, "no such message");
  return {};
}

}  // namespace reskflow::notifications

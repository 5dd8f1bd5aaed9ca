// Notices into the inbox and the send queue per the recipient's preferences; the preference
// centre; the inbox.
#include "service.h"

#include "consumed.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/opening_hours.h"
#include "reskflow/modules/payload.h"
#include "reskflow/store/uuid.h"

namespace reskflow::notifications {

Service::Service(store::Database& db, identity::Directory& directory, Senders senders,
                 const NotificationsSettings& settings, NotificationsMetrics& metrics,
                 modules::Clock clock)
    : db_(db),
      directory_(directory),
      senders_(std::move(senders)),
      settings_(settings),
      metrics_(metrics),
      clock_(clock ? std::move(clock) : modules::system_clock()) {}

Result<std::vector<InboxItem>> Service::on_event(const bus::Envelope& event) {
  auto notices = notices_of(event);
  if (!notices) {
    // A malformed payload never becomes valid: counted, logged and passed over.
    metrics_.events_rejected.inc();
    log::warn(
        "notifications_event_rejected",
        {{"event_id", event.event_id}, {"type", event.type}, {"detail", notices.error().detail}});
    return std::vector<InboxItem>{};
  }
  std::vector<InboxItem> added;
  auto handled = bus::handle_once(db_, consumer_events, event, [&](store::Transaction& tx) {
    added.clear();  // a retried transaction starts again
    for (const auto& notice : *notices) {
      if (auto ok = queue_notice(tx, event.event_id, notice, added); !ok) return ok;
    }
    return Status{};
  });
  if (!handled) return std::unexpected(handled.error());
  metrics_.inbox_added.inc(static_cast<double>(added.size()));
  return added;
}

Status Service::queue_notice(store::Transaction& tx, const std::string& event_id,
                             const Notice& notice, std::vector<InboxItem>& added) {
  RF_TRY(erased, repository::erased(tx, notice.user_id));
  if (*erased) return {};
  RF_TRY(preferences, repository::preferences(tx, notice.user_id));
  RF_TRY(rendered, render(notice, preferences->reader()));
  const auto now = clock_();
  if (preferences->allows(notice.kind, Channel::in_app)) {
    InboxItem item{store::new_uuid_v7(), notice.user_id,    notice.kind, rendered->title,
                   rendered->text,       notice.subject_id, now,         std::nullopt};
    RF_TRY(inserted, repository::insert_inbox(tx, item));
    added.push_back(std::move(item));
  }
  for (const auto channel : {Channel::email, Channel::sms}) {
    if (!preferences->allows(notice.kind, channel)) continue;
    if (sender_of(channel) == nullptr) continue;
    const Send send{store::new_uuid_v7(),
                    notice.user_id,
                    channel,
                    notice.kind,
                    event_id,
                    rendered->title,
                    rendered->text,
                    channel == Channel::email ? rendered->html : "",
                    std::nullopt,
                    std::string(status_pending),
                    0,
                    after_quiet_hours(*preferences, now),
                    "",
                    std::nullopt,
                    std::nullopt,
                    now,
                    now,
                    ""};
    RF_TRY(queued, repository::insert_send(tx, send));
    if (*queued) metrics_.queued.inc();
  }
  if (senders_.push && preferences->allows(notice.kind, Channel::push)) {
    RF_TRY(pushed,
           queue_pushes(tx, event_id, notice, *rendered, after_quiet_hours(*preferences, now)));
  }
  if (senders_.email || senders_.sms || senders_.push) tx.notify_after_commit(consumer_events);
  return {};
}

Status Service::on_user_erased(const bus::Envelope& event) {
  auto erased =
      modules::payload::from_payload<identity::events::UserErased>(event.type, event.payload_json);
  if (!erased || erased->user_id.empty()) {
    metrics_.events_rejected.inc();
    return {};
  }
  return bus::handle_once(db_, consumer_erasure, event, [&](store::Transaction& tx) {
    return repository::erase_user(tx, erased->user_id, clock_());
  });
}

Status Service::on_mail_requested(const bus::Envelope& event) {
  auto requested = modules::payload::from_payload<identity::events::EmailRequested>(
      event.type, event.payload_json);
  if (!requested || requested->user_id.empty()) {
    metrics_.events_rejected.inc();
    log::warn("notifications_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  if (senders_.email == nullptr) {
    log::warn("notifications_mail_not_sent",
              {{"event_id", event.event_id}, {"detail", "no SMTP server and no mail file"}});
    return {};
  }
  return bus::handle_once(db_, consumer_identity_mail, event,
                          [&](store::Transaction& tx) -> Status {
                            const auto now = clock_();
                            const Send send{store::new_uuid_v7(),
                                            requested->user_id,
                                            Channel::email,
                                            Kind::security,
                                            event.event_id,
                                            "",
                                            "",
                                            "",
                                            event.payload_json,
                                            std::string(status_pending),
                                            0,
                                            now,
                                            "",
                                            std::nullopt,
                                            std::nullopt,
                                            now,
                                            now,
                                            ""};
                            RF_TRY(queued, repository::insert_send(tx, send));
                            if (*queued) metrics_.queued.inc();
                            tx.notify_after_commit(consumer_events);
                            return Status{};
                          });
}

Result<Preferences> Service::preferences(std::string_view user_id) {
  return db_.read([&](store::Transaction& tx) { return repository::preferences(tx, user_id); });
}

Result<Preferences> Service::put_preferences(std::string_view user_id,
                                             const Preferences& preferences) {
  if (!supported_locale(preferences.locale))
    return fail(ErrorCode::validation_failed, "this language is not offered",
                {{"locale", "must be one of en, fr, de"}});
  if (!modules::hours::known_time_zone(preferences.time_zone))
    return fail(ErrorCode::validation_failed, "unknown time zone",
                {{"time_zone", "must be an IANA time zone such as Europe/Paris"}});
  if (const auto& q = preferences.quiet_hours;
      q && (q->start_min < 0 || q->start_min >= quiet_hour_minutes_max || q->end_min < 0 ||
            q->end_min >= quiet_hour_minutes_max))
    return fail(ErrorCode::validation_failed, "quiet hours are out of range",
                {{"quiet_hours", "must be times of day from 00:00 to 23:59"}});
  for (const auto& [key, enabled] : preferences.choices) {
    const auto [kind, channel] = key;
    if (!choice_fixed(kind, channel) || enabled == default_enabled(kind, channel)) continue;
    if (kind == Kind::security)
      return fail(ErrorCode::validation_failed, "security mail cannot be changed",
                  {{"channels.security", "security mail always goes by email only"}});
    return fail(ErrorCode::validation_failed, "chat messages are not sent by email or SMS",
                {{"channels.chat." + std::string(channel_name(channel)),
                  "chat messages go to the inbox and by push only"}});
  }
  auto stored = db_.write([&](store::Transaction& tx) {
    return repository::put_preferences(tx, user_id, preferences, clock_());
  });
  if (!stored) return std::unexpected(stored.error());
  return this->preferences(user_id);
}

Result<Page<InboxItem>> Service::inbox(std::string_view user_id, const PageRequest& page,
                                       bool unread_only) {
  RF_TRY(items, db_.read([&](store::Transaction& tx) {
    return repository::inbox(tx, user_id, page.cursor.value_or(""), unread_only, page.limit + 1);
  }));
  Page<InboxItem> out;
  if (static_cast<std::int64_t>(items->size()) > page.limit) {
    items->resize(static_cast<std::size_t>(page.limit));
    out.next_cursor = items->back().id;
  }
  out.items = std::move(*items);
  return out;
}

Result<std::int64_t> Service::unread_count(std::string_view user_id) {
  return db_.read([&](store::Transaction& tx) { return repository::unread_count(tx, user_id); });
}

Status Service::mark_read(std::string_view user_id, std::string_view id) {
  RF_TRY(found, db_.write([&](store::Transaction& tx) {
    return repository::mark_read(tx, user_id, id, clock_());
  }));
  if (!*found) return fail(ErrorCode::not_found, "no such notification");
  return {};
}

Result<std::int64_t> Service::mark_all_read(std::string_view user_id) {
  return db_.write(
      [&](store::Transaction& tx) { return repository::mark_all_read(tx, user_id, clock_()); });
}

}  // namespace reskflow::notifications

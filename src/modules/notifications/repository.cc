// SQL of notifications_settings, notifications_preferences, notifications_inbox,
// notifications_sends, notifications_push_subscriptions and notifications_keys; both engines
// run the same statements.
#include "repository.h"

#include "web_push.h"

namespace reskflow::notifications::repository {
namespace {

store::Value optional_value(const std::optional<std::string>& text) {
  return text ? store::Value(*text) : store::Value();
}

store::Value optional_value(const std::optional<std::int64_t>& n) {
  return n ? store::Value(*n) : store::Value();
}

constexpr std::string_view inbox_columns =
    "id, user_id, kind, title, body, subject_id, created_at_us, read_at_us";

InboxItem inbox_item_of(const store::Row& r) {
  return {r.text(0),  r.text(1),          kind_of(r.text_view(2)).value_or(Kind::order),
          r.text(3),  r.text(4),          r.text(5),
          r.int64(6), r.optional_int64(7)};
}

constexpr std::string_view send_columns =
    "id, user_id, channel, kind, event_id, subject, text_body, html_body, sealed, status, "
    "attempts, next_attempt_at_us, last_error, provider_id, provider_status, created_at_us, "
    "updated_at_us, subscription_id";

Send send_of(const store::Row& r) {
  return {r.text(0),
          r.text(1),
          channel_of(r.text_view(2)).value_or(Channel::email),
          kind_of(r.text_view(3)).value_or(Kind::order),
          r.text(4),
          r.text(5),
          r.text(6),
          r.text(7),
          r.optional_text(8),
          r.text(9),
          r.int64(10),
          r.int64(11),
          r.text(12),
          r.optional_text(13),
          r.optional_text(14),
          r.int64(15),
          r.int64(16),
          r.text(17)};
}

constexpr std::string_view subscription_columns =
    "id, user_id, endpoint, p256dh, auth, created_at_us";

// The keys are stored in base64url, as browsers hand them over.
PushSubscription subscription_of(const store::Row& r) {
  return {r.text(0),
          r.text(1),
          r.text(2),
          web_push::from_base64url(r.text_view(3)).value_or(""),
          web_push::from_base64url(r.text_view(4)).value_or(""),
          r.int64(5)};
}

Result<std::vector<Send>> sends_where(store::Transaction& tx, const std::string& tail,
                                      const store::Params& params) {
  RF_TRY(rows, tx.query("SELECT " + std::string(send_columns) + " FROM notifications_sends " + tail,
                        params));
  std::vector<Send> out;
  for (const auto r : *rows) out.push_back(send_of(r));
  return out;
}

}  // namespace

Result<Preferences> preferences(store::Transaction& tx, std::string_view user_id) {
  Preferences out;
  RF_TRY(settings, tx.query("SELECT locale, time_zone, quiet_start_min, quiet_end_min FROM "
                            "notifications_settings WHERE user_id = $1",
                            {std::string(user_id)}));
  if (!settings->empty()) {
    const auto r = settings->front();
    out.locale = r.text(0);
    out.time_zone = r.text(1);
    if (!r.is_null(2) && !r.is_null(3)) out.quiet_hours = QuietHours{r.int64(2), r.int64(3)};
  }
  RF_TRY(choices, tx.query("SELECT kind, channel, enabled FROM notifications_preferences WHERE "
                           "user_id = $1",
                           {std::string(user_id)}));
  for (const auto r : *choices) {
    const auto kind = kind_of(r.text_view(0));
    const auto channel = channel_of(r.text_view(1));
    if (kind && channel) out.choices[{*kind, *channel}] = r.boolean(2);
  }
  return out;
}

Status put_preferences(store::Transaction& tx, std::string_view user_id,
                       const Preferences& preferences, std::int64_t now_us) {
  const auto& quiet = preferences.quiet_hours;
  RF_TRY(settings,
         tx.exec("INSERT INTO notifications_settings (user_id, locale, time_zone, quiet_start_min, "
                 "quiet_end_min, updated_at_us) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT "
                 "(user_id) DO UPDATE SET locale = excluded.locale, time_zone = "
                 "excluded.time_zone, quiet_start_min = excluded.quiet_start_min, quiet_end_min "
                 "= excluded.quiet_end_min, updated_at_us = excluded.updated_at_us",
                 {std::string(user_id), preferences.locale, preferences.time_zone,
                  optional_value(quiet ? std::optional(quiet->start_min) : std::nullopt),
                  optional_value(quiet ? std::optional(quiet->end_min) : std::nullopt), now_us}));
  RF_TRY(cleared, tx.exec("DELETE FROM notifications_preferences WHERE user_id = $1",
                          {std::string(user_id)}));
  for (const auto& [key, enabled] : preferences.choices) {
    if (enabled == default_enabled(key.first, key.second)) continue;
    RF_TRY(inserted, tx.exec("INSERT INTO notifications_preferences (user_id, kind, channel, "
                             "enabled) VALUES ($1, $2, $3, $4)",
                             {std::string(user_id), std::string(kind_name(key.first)),
                              std::string(channel_name(key.second)), enabled}));
  }
  return {};
}

Status insert_inbox(store::Transaction& tx, const InboxItem& item) {
  RF_TRY(inserted,
         tx.exec("INSERT INTO notifications_inbox (id, user_id, kind, title, body, subject_id, "
                 "created_at_us, read_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
                 {item.id, item.user_id, std::string(kind_name(item.kind)), item.title, item.body,
                  item.subject_id, item.created_at_us}));
  return {};
}

Result<std::vector<InboxItem>> inbox(store::Transaction& tx, std::string_view user_id,
                                     std::string_view before_id, bool unread_only,
                                     std::int64_t limit) {
  std::string sql = "SELECT " + std::string(inbox_columns) +
                    " FROM notifications_inbox WHERE user_id = $1 AND ($2 = '' OR id < $2)";
  if (unread_only) sql += " AND read_at_us IS NULL";
  RF_TRY(rows, tx.query(sql + " ORDER BY id DESC LIMIT $3",
                        {std::string(user_id), std::string(before_id), limit}));
  std::vector<InboxItem> out;
  for (const auto r : *rows) out.push_back(inbox_item_of(r));
  return out;
}

Result<std::int64_t> unread_count(store::Transaction& tx, std::string_view user_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM notifications_inbox WHERE user_id = $1 AND "
                        "read_at_us IS NULL",
                        {std::string(user_id)}));
  return rows->front().int64(0);
}

Result<bool> mark_read(store::Transaction& tx, std::string_view user_id, std::string_view id,
                       std::int64_t now_us) {
  RF_TRY(rows, tx.query("UPDATE notifications_inbox SET read_at_us = COALESCE(read_at_us, $3) "
                        "WHERE user_id = $1 AND id = $2 RETURNING id",
                        {std::string(user_id), std::string(id), now_us}));
  return !rows->empty();
}

Result<std::int64_t> mark_all_read(store::Transaction& tx, std::string_view user_id,
                                   std::int64_t now_us) {
  return tx.exec(
      "UPDATE notifications_inbox SET read_at_us = $2 WHERE user_id = $1 AND "
      "read_at_us IS NULL",
      {std::string(user_id), now_us});
}

Result<bool> insert_send(store::Transaction& tx, const Send& s) {
  RF_TRY(rows,
         tx.query("INSERT INTO notifications_sends (" + std::string(send_columns) +
                      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                      "$14, $15, $16, $17, $18) ON CONFLICT (event_id, user_id, channel, "
                      "subscription_id) DO NOTHING RETURNING id",
                  {s.id, s.user_id, std::string(channel_name(s.channel)),
                   std::string(kind_name(s.kind)), s.event_id, s.subject, s.text, s.html,
                   optional_value(s.sealed), s.status, s.attempts, s.next_attempt_at_us,
                   s.last_error, optional_value(s.provider_id), optional_value(s.provider_status),
                   s.created_at_us, s.updated_at_us, s.subscription_id}));
  return !rows->empty();
}

Result<std::optional<Send>> send(store::Transaction& tx, std::string_view id) {
  RF_TRY(found, sends_where(tx, "WHERE id = $1", {std::string(id)}));
  if (found->empty()) return std::optional<Send>();
  return std::optional(std::move(found->front()));
}

Result<std::vector<Send>> due_sends(store::Transaction& tx, std::int64_t now_us,
                                    std::int64_t limit) {
  // A send waits behind an older one to the same user on the same channel (and device) that
  // failed and waits for its retry: each user's messages go out in the order they were queued.
  return sends_where(tx,
                     "s WHERE s.status = 'pending' AND s.next_attempt_at_us <= $1 AND NOT EXISTS "
                     "(SELECT 1 FROM notifications_sends o WHERE o.user_id = s.user_id AND "
                     "o.channel = s.channel AND o.subscription_id = s.subscription_id AND o.status "
                     "= 'pending' AND o.attempts > 0 AND o.id < s.id) ORDER BY s.id LIMIT $2",
                     {now_us, limit});
}

Result<bool> record_attempt(store::Transaction& tx, std::string_view id, const Attempt& a,
                            std::int64_t now_us) {
  RF_TRY(changed,
         tx.exec("UPDATE notifications_sends SET status = $2, attempts = $3, next_attempt_at_us = "
                 "$4, last_error = $5, provider_id = $6, provider_status = $7, updated_at_us = $8 "
                 "WHERE id = $1 AND status = 'pending'",
                 {std::string(id), a.status, a.attempts, a.next_attempt_at_us, a.last_error,
                  optional_value(a.provider_id), optional_value(a.provider_status), now_us}));
  if (*changed > 0 && a.subscription_gone) {
    RF_TRY(removed, tx.exec("DELETE FROM notifications_push_subscriptions WHERE id = (SELECT "
                            "subscription_id FROM notifications_sends WHERE id = $1)",
                            {std::string(id)}));
  }
  return *changed > 0;
}

Result<std::vector<Send>> dead_sends(store::Transaction& tx, std::string_view after_id,
                                     std::int64_t limit) {
  return sends_where(tx, "WHERE status = 'dead' AND id > $1 ORDER BY id LIMIT $2",
                     {std::string(after_id), limit});
}

Result<std::vector<Send>> user_sends(store::Transaction& tx, std::string_view user_id,
                                     std::string_view after_id, std::int64_t limit) {
  return sends_where(tx, "WHERE user_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                     {std::string(user_id), std::string(after_id), limit});
}

Result<bool> revive(store::Transaction& tx, std::string_view id, std::int64_t now_us) {
  RF_TRY(changed, tx.exec("UPDATE notifications_sends SET status = 'pending', attempts = 0, "
                          "next_attempt_at_us = $2, updated_at_us = $2 WHERE id = $1 AND status "
                          "= 'dead'",
                          {std::string(id), now_us}));
  return *changed > 0;
}

Result<bool> set_provider_status(store::Transaction& tx, std::string_view provider_id,
                                 std::string_view provider_status, std::int64_t now_us) {
  RF_TRY(changed, tx.exec("UPDATE notifications_sends SET provider_status = $2, updated_at_us = "
                          "$3 WHERE provider_id = $1",
                          {std::string(provider_id), std::string(provider_status), now_us}));
  return *changed > 0;
}

Result<Upserted> upsert_subscription(store::Transaction& tx, const PushSubscription& s) {
  RF_TRY(existing, tx.query("SELECT id FROM notifications_push_subscriptions WHERE endpoint = $1",
                            {s.endpoint}));
  const bool created = existing->empty();
  const auto id = created ? s.id : existing->front().text(0);
  RF_TRY(
      stored,
      tx.exec("INSERT INTO notifications_push_subscriptions (" + std::string(subscription_columns) +
                  ") VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (endpoint) DO UPDATE SET "
                  "user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth",
              {id, s.user_id, s.endpoint, web_push::base64url(s.p256dh),
               web_push::base64url(s.auth), s.created_at_us}));
  RF_TRY(row, subscription(tx, id));
  if (!*row) return fail(ErrorCode::conflict, "the subscription changed meanwhile; try again");
  return Upserted{std::move(**row), created};
}

Result<std::vector<PushSubscription>> subscriptions(store::Transaction& tx,
                                                    std::string_view user_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(subscription_columns) +
                            " FROM notifications_push_subscriptions WHERE user_id = $1 ORDER BY id",
                        {std::string(user_id)}));
  std::vector<PushSubscription> out;
  for (const auto r : *rows) out.push_back(subscription_of(r));
  return out;
}

Result<std::optional<PushSubscription>> subscription(store::Transaction& tx, std::string_view id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(subscription_columns) +
                            " FROM notifications_push_subscriptions WHERE id = $1",
                        {std::string(id)}));
  if (rows->empty()) return std::optional<PushSubscription>();
  return std::optional(subscription_of(rows->front()));
}

Result<std::int64_t> subscription_count(store::Transaction& tx, std::string_view user_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM notifications_push_subscriptions WHERE user_id = $1",
                        {std::string(user_id)}));
  return rows->front().int64(0);
}

Result<bool> delete_subscription(store::Transaction& tx, std::string_view user_id,
                                 std::string_view id) {
  RF_TRY(removed, tx.exec("DELETE FROM notifications_push_subscriptions WHERE user_id = $1 AND "
                          "id = $2",
                          {std::string(user_id), std::string(id)}));
  return *removed > 0;
}

Result<std::optional<StoredKeys>> vapid_keys(store::Transaction& tx) {
  RF_TRY(rows, tx.query("SELECT public_key, sealed_private_key FROM notifications_keys WHERE id = "
                        "'vapid'"));
  if (rows->empty()) return std::optional<StoredKeys>();
  return std::optional(StoredKeys{rows->front().text(0), rows->front().text(1)});
}

Status insert_vapid_keys(store::Transaction& tx, const StoredKeys& keys, std::int64_t now_us) {
  RF_TRY(inserted, tx.exec("INSERT INTO notifications_keys (id, public_key, sealed_private_key, "
                           "created_at_us) VALUES ('vapid', $1, $2, $3) ON CONFLICT (id) DO "
                           "NOTHING",
                           {keys.public_key, keys.sealed_private_key, now_us}));
  return {};
}

Status erase_user(store::Transaction& tx, std::string_view user_id, std::int64_t now_us) {
  for (const auto* table : {"notifications_sends", "notifications_inbox",
                            "notifications_preferences", "notifications_settings",
                            "notifications_push_subscriptions", "notifications_chat_notices"}) {
    RF_TRY(erased, tx.exec(std::string("DELETE FROM ") + table + " WHERE user_id = $1",
                           {std::string(user_id)}));
  }
  RF_TRY(remembered, tx.exec("INSERT INTO notifications_erased_users (user_id, erased_at_us) "
                             "VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING",
                             {std::string(user_id), now_us}));
  return {};
}

Result<bool> erased(store::Transaction& tx, std::string_view user_id) {
  RF_TRY(rows, tx.query("SELECT 1 FROM notifications_erased_users WHERE user_id = $1",
                        {std::string(user_id)}));
  return !rows->empty();
}

}  // namespace reskflow::notifications::repository

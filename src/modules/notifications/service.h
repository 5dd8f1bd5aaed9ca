// The notifications rules on typed values: notices from events into the inbox and the send queue
// per the recipient's preferences, the queue's attempts with backoff and dead letters, the
// preference centre and the inbox.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels.h"
#include "metrics.h"
#include "model.h"
#include "preferences.h"
#include "repository.h"
#include "reskflow/bus/event.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::notifications {

inline constexpr std::string_view consumer_events = "notifications.events";
inline constexpr std::string_view consumer_erasure = "notifications.user_erased";
inline constexpr std::string_view consumer_identity_mail = "notifications.identity_mail";
// One consumer for every chat event, so a read is applied after the message it reads.
inline constexpr std::string_view consumer_chat = "notifications.chat";
inline constexpr std::int64_t quiet_hour_minutes_max = 24LL * 60;

// The senders of the email, SMS and Web Push channels; one is null when its channel has no
// provider (then nothing is queued for it).
struct Senders {
  std::unique_ptr<Sender> email;
  std::unique_ptr<Sender> sms;
  std::unique_ptr<Sender> push;
};

// A device's subscription as the browser's PushSubscription.toJSON() gives it.
struct SubscriptionRequest {
  std::string endpoint;
  std::string p256dh;  // base64url
  std::string auth;    // base64url
};

// What one dispatch pass did.
struct DispatchReport {
  std::int64_t sent = 0;
  std::int64_t retried = 0;
  std::int64_t dead = 0;
  std::int64_t skipped = 0;
};

class Service {
 public:
  Service(store::Database& db, identity::Directory& directory, Senders senders,
          const NotificationsSettings& settings, NotificationsMetrics& metrics,
          modules::Clock clock);

  // --- consumers (the relay's thread); each event is handled once (bus::handle_once)

  // The inbox items the event added (for the WebSocket), queuing its email and SMS sends.
  Result<std::vector<InboxItem>> on_event(const bus::Envelope& event);
  Status on_user_erased(const bus::Envelope& event);
  // chat.message.sent and chat.conversation.read (service_chat.cc): each recipient of a message
  // gets a chat notice due after chat_notice_delay_ms, one per conversation until they read it;
  // reading (or writing in) the conversation drops it and marks its inbox items read.
  Status on_chat_event(const bus::Envelope& event);
  // The chat notices due now, told through the inbox and Web Push as the recipients' preferences
  // allow; the inbox items added (for the WebSocket).
  Result<std::vector<InboxItem>> tell_due_chat_notices();
  // identity.email.requested: a security mail, queued sealed (it may hold a one-time code) and
  // opened through identity only when it is sent; never held by quiet hours.
  Status on_mail_requested(const bus::Envelope& event);

  // --- preferences

  Result<Preferences> preferences(std::string_view user_id);
  // validation_failed naming the field for an unknown locale or time zone, quiet hours out of
  // range, or a choice on a kind that cannot change.
  Result<Preferences> put_preferences(std::string_view user_id, const Preferences& preferences);

  // --- inbox

  Result<Page<InboxItem>> inbox(std::string_view user_id, const PageRequest& page,
                                bool unread_only);
  Result<std::int64_t> unread_count(std::string_view user_id);
  // not_found when the user has no such item.
  Status mark_read(std::string_view user_id, std::string_view id);
  Result<std::int64_t> mark_all_read(std::string_view user_id);

  // --- the send queue

  // Sends what is due, oldest first; a send waits while an older one to the same user on the
  // same channel is failing, so each user's messages go out in order.
  Result<DispatchReport> dispatch();
  Result<Page<Send>> dead_letters(const PageRequest& page);
  // What the queue holds and did for one user (support: "did my mail go out?"), oldest first.
  Result<Page<Send>> sends_of(std::string_view user_id, const PageRequest& page);
  // dead -> pending with its attempts reset; not_found for an unknown send, conflict for one
  // that is not dead.
  Result<Send> replay(std::string_view id);
  // Twilio's status callback; not_found for a message id this server did not send.
  Status record_provider_status(std::string_view provider_id, std::string_view status);
  bool sms_enabled() const { return senders_.sms != nullptr; }

  // --- Web Push (service_push.cc)

  // The VAPID key pair from the settings or the database (made on first start).
  Status load_vapid_keys();
  // unavailable until the keys are loaded.
  Result<std::string> vapid_public_key();
  // validation_failed naming the field for an endpoint that is not https (nor loopback http when
  // allowed), a p256dh that is not a P-256 point or an auth secret that is not 16 bytes;
  // conflict past push_subscriptions_per_user_max devices.
  Result<repository::Upserted> subscribe(std::string_view user_id,
                                         const SubscriptionRequest& request);
  Result<std::vector<PushSubscription>> push_subscriptions(std::string_view user_id);
  // not_found when the user has no such subscription.
  Status unsubscribe(std::string_view user_id, std::string_view id);

 private:
  // The notice into the inbox and the send queue (once per event_id, recipient and channel);
  // nothing for a user whose data was erased.
  Status queue_notice(store::Transaction& tx, const std::string& event_id, const Notice& notice,
                      std::vector<InboxItem>& added);
  // One push send per device of the notice's recipient.
  Status queue_pushes(store::Transaction& tx, const std::string& event_id, const Notice& notice,
                      const Rendered& rendered, std::int64_t due_at_us);
  Result<std::vector<InboxItem>> tell_chat_notice(const repository::ChatNotice& notice);
  Result<Outgoing> push_outgoing_of(const Send& send);
  Sender* sender_of(Channel channel) const;
  repository::Attempt attempt(const Send& send);
  Result<Outgoing> outgoing_of(const Send& send);
  std::int64_t backoff_us(std::int64_t attempts) const;
  bool paused(Channel channel, std::int64_t now_us);
  void pause(Channel channel, std::int64_t until_us);

  store::Database& db_;
  identity::Directory& directory_;
  Senders senders_;
  const NotificationsSettings settings_;
  NotificationsMetrics& metrics_;
  modules::Clock clock_;
  std::mutex pause_mutex_;
  // A channel whose provider failed is left alone until then (µs), guarded by pause_mutex_.
  std::array<std::int64_t, all_channels.size()> paused_until_us_{};
  std::mutex vapid_mutex_;
  std::optional<web_push::KeyPair> vapid_;  // guarded by vapid_mutex_
};

}  // namespace reskflow::notifications

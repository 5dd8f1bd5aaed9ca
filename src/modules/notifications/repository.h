// SQL over the notifications module's own tables (notifications_*); every function runs inside
// the caller's transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "preferences.h"
#include "reskflow/store/database.h"

namespace reskflow::notifications::repository {

// The stored preferences, or the defaults for a user who never chose.
Result<Preferences> preferences(store::Transaction& tx, std::string_view user_id);
Status put_preferences(store::Transaction& tx, std::string_view user_id,
                       const Preferences& preferences, std::int64_t now_us);

Status insert_inbox(store::Transaction& tx, const InboxItem& item);
// Newest first, older than `before_id` (all when empty).
Result<std::vector<InboxItem>> inbox(store::Transaction& tx, std::string_view user_id,
                                     std::string_view before_id, bool unread_only,
                                     std::int64_t limit);
Result<std::int64_t> unread_count(store::Transaction& tx, std::string_view user_id);
// False when the user has no such item; reading it again keeps the first time.
Result<bool> mark_read(store::Transaction& tx, std::string_view user_id, std::string_view id,
                       std::int64_t now_us);
Result<std::int64_t> mark_all_read(store::Transaction& tx, std::string_view user_id,
                                   std::int64_t now_us);

// False when the event already queued this send (a redelivered event).
Result<bool> insert_send(store::Transaction& tx, const Send& send);
Result<std::optional<Send>> send(store::Transaction& tx, std::string_view id);
// Pending sends due at now_us, oldest first, except those queued behind a failing one.
Result<std::vector<Send>> due_sends(store::Transaction& tx, std::int64_t now_us,
                                    std::int64_t limit);
// The outcome of an attempt; only a pending send changes (false otherwise).
struct Attempt {
  std::string status;
  std::int64_t attempts = 0;
  std::int64_t next_attempt_at_us = 0;
  std::string last_error;
  std::optional<std::string> provider_id;
  std::optional<std::string> provider_status;
  // The push service said the subscription is gone: it is removed with this outcome.
  bool subscription_gone = false;
};
Result<bool> record_attempt(store::Transaction& tx, std::string_view id, const Attempt& attempt,
                            std::int64_t now_us);
// Dead sends, oldest first, after `after_id`.
Result<std::vector<Send>> dead_sends(store::Transaction& tx, std::string_view after_id,
                                     std::int64_t limit);
// The user's sends on every channel and in every state, oldest first, after `after_id`.
Result<std::vector<Send>> user_sends(store::Transaction& tx, std::string_view user_id,
                                     std::string_view after_id, std::int64_t limit);
// dead -> pending, due at now_us with its attempts reset; false when it was not dead.
Result<bool> revive(store::Transaction& tx, std::string_view id, std::int64_t now_us);
// The provider's later word on a message (Twilio's status callback); false for an unknown id.
Result<bool> set_provider_status(store::Transaction& tx, std::string_view provider_id,
                                 std::string_view provider_status, std::int64_t now_us);

// Web Push subscriptions. upsert: the endpoint's row is created or, when the device subscribed
// before, given the new keys and user; the stored row comes back, with whether it is new.
struct Upserted {
  PushSubscription subscription;
  bool created = false;
};
Result<Upserted> upsert_subscription(store::Transaction& tx, const PushSubscription& s);
Result<std::vector<PushSubscription>> subscriptions(store::Transaction& tx,
                                                    std::string_view user_id);
Result<std::optional<PushSubscription>> subscription(store::Transaction& tx, std::string_view id);
Result<std::int64_t> subscription_count(store::Transaction& tx, std::string_view user_id);
// False when the user has no such subscription.
Result<bool> delete_subscription(store::Transaction& tx, std::string_view user_id,
                                 std::string_view id);

// The generated VAPID key pair: its public key (base64url) and sealed private key.
struct StoredKeys {
  std::string public_key;
  std::string sealed_private_key;
};
Result<std::optional<StoredKeys>> vapid_keys(store::Transaction& tx);
// Kept only when no pair is stored yet (two servers starting at once keep the first).
Status insert_vapid_keys(store::Transaction& tx, const StoredKeys& keys, std::int64_t now_us);

// Erasure: every row about the user; the user is remembered as erased (ids only).
Status erase_user(store::Transaction& tx, std::string_view user_id, std::int64_t now_us);
Result<bool> erased(store::Transaction& tx, std::string_view user_id);

// Chat notices (repository_chat.cc): one row per recipient and conversation with unread
// messages, told once when due.
struct ChatNotice {
  std::string user_id;
  std::string conversation_id;
  std::string conversation_kind;  // delivery or support
  std::string first_message_id;
  std::int64_t last_seq = 0;
  std::int64_t due_at_us = 0;
  bool told = false;
};
// A new unread message: the row is created, or its last_seq moves up (told and due unchanged).
Status note_chat_message(store::Transaction& tx, const ChatNotice& notice);
// The user has seen the conversation up to `seq`: a row whose messages that covers goes, and
// when it went, the user's unread chat items about the conversation are read at now_us.
Status chat_read(store::Transaction& tx, std::string_view user_id, std::string_view conversation_id,
                 std::int64_t seq, std::int64_t now_us);
// Rows not told yet and due at now_us, soonest first.
Result<std::vector<ChatNotice>> due_chat_notices(store::Transaction& tx, std::int64_t now_us,
                                                 std::int64_t limit);
// Marks the row told; false when it went or was told meanwhile.
Result<bool> mark_chat_told(store::Transaction& tx, std::string_view user_id,
                            std::string_view conversation_id);

}  // namespace reskflow::notifications::repository

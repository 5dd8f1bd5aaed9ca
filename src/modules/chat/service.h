// The chat rules: who is in which conversation and may read or write it, when delivery
// conversations open and close, masking, read markers and the support inbox. No HTTP, no JSON,
// no SQL strings.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "metrics.h"
#include "model.h"
#include "reskflow/core/http.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/page.h"
#include "reskflow/orders/orders.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::chat {

// Told of what participants see live, after the transaction that made it committed (the module
// publishes it on the conversation's WebSocket topic).
class LiveFeed {
 public:
  virtual ~LiveFeed() = default;
  virtual void message_stored(const Message& message) = 0;
  virtual void read_moved(const std::string& conversation_id, const std::string& user_id,
                          std::int64_t seq) = 0;
  virtual void typing(const std::string& conversation_id, const std::string& user_id,
                      const std::string& role) = 0;
  virtual void conversation_changed(const Conversation& conversation) = 0;
};

class Service {
 public:
  Service(store::Database& database, orders::Orders& orders, identity::Directory& directory,
          ChatSettings settings, ChatMetrics& metrics, modules::Clock clock);

  void set_live_feed(LiveFeed* feed) { live_ = feed; }
  const ChatSettings& settings() const { return settings_; }

  // A customer or merchant user opens a support conversation with its first message.
  // not_found for an order that is not theirs (or their merchant's); conflict past
  // open_support_conversations_max open ones; validation_failed for a blank message.
  Result<Conversation> open_support(const http::Principal& caller,
                                    const NewSupportConversation& request);

  // Participants, and admins for support conversations; not_found for anyone else.
  Result<Conversation> conversation(const http::Principal& caller, std::string_view id);
  Result<ConversationPage> conversations(const http::Principal& caller,
                                         const std::optional<std::string>& order_id,
                                         const modules::PageRequest& page);
  Result<MessagePage> messages(const http::Principal& caller, std::string_view id,
                               const modules::PageRequest& page);

  // Stores the message (contacts masked in delivery conversations) and tells the live feed.
  // An admin writing in a support conversation joins it, and takes it while unassigned.
  // conflict for a closed conversation (the reason in the detail); validation_failed for a
  // blank body.
  Result<Message> send(const http::Principal& caller, std::string_view id, std::string_view body);
  // Moves the caller's read marker to `seq` (never back); validation_failed past the newest.
  Result<Conversation> mark_read(const http::Principal& caller, std::string_view id,
                                 std::int64_t seq);
  // The opener or an admin closes a support conversation; conflict for a delivery
  // conversation (it closes when its delivery ends) and for one closed already.
  Result<Conversation> close(const http::Principal& caller, std::string_view id);
  // An admin takes an open support conversation.
  Result<Conversation> assign_to_me(const http::Principal& admin, std::string_view id);
  // Open support conversations, unassigned first, then oldest first.
  Result<ConversationPage> inbox(const modules::PageRequest& page);
  // A typing indicator from a participant of an open conversation, for the others.
  Status typing(const http::Principal& caller, std::string_view id);
  // Whether the caller may follow the conversation's topic: as conversation().
  Status may_follow(const http::Principal& caller, std::string_view id);

  // deliveries.delivery.* in the consumer's transaction; the conversation to tell the live feed
  // about once it commits, when it changed.
  Result<std::optional<Conversation>> apply_delivery_change(store::Transaction& tx,
                                                            const DeliveryChange& change);
  // identity.user.erased in the consumer's transaction; how many messages lost their text.
  Result<std::int64_t> erase_user(store::Transaction& tx, std::string_view user_id);

  void notify_changed(const Conversation& conversation);

 private:
  // The conversation with its participants if the caller may read it; not_found otherwise.
  Result<Conversation> readable(store::Transaction& tx, const http::Principal& caller,
                                std::string_view id);
  Status check_order(const http::Principal& caller, const std::string& order_id);
  Result<Conversation> open_delivery_conversation(store::Transaction& tx,
                                                  const DeliveryChange& change, bool closed);
  // Stores the caller's message in an open conversation: the next seq, contacts masked in a
  // delivery conversation, chat.message.sent to the other participants.
  Result<Message> append(store::Transaction& tx, const http::Principal& caller,
                         const Conversation& c, std::string_view body);
  Result<Conversation> loaded(store::Transaction& tx, std::string_view id);
  Result<Conversation> close_in(store::Transaction& tx, Conversation c, const std::string& reason);

  store::Database& db_;
  orders::Orders& orders_;
  identity::Directory& directory_;
  ChatSettings settings_;
  ChatMetrics& metrics_;
  modules::Clock clock_;
  LiveFeed* live_ = nullptr;
};

// The reason a delivery conversation closes with, for a final delivery status; empty for a
// status that does not end the delivery.
std::string_view closing_reason(std::string_view delivery_status);

// The list cursors: "<seq>" for messages, "<assigned>.<created_at_us>.<id>" for lists.
std::optional<std::int64_t> parse_seq_cursor(std::string_view cursor);

}  // namespace reskflow::chat

// Chat's typed values: conversations, their participants and messages, and pages of them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reskflow::chat {

inline constexpr std::string_view kind_delivery = "delivery";
inline constexpr std::string_view kind_support = "support";
inline constexpr std::string_view status_open = "open";
inline constexpr std::string_view status_closed = "closed";

// A participant's part in a conversation.
inline constexpr std::string_view part_customer = "customer";
inline constexpr std::string_view part_courier = "courier";
inline constexpr std::string_view part_merchant = "merchant";
inline constexpr std::string_view part_support = "support";

struct Participant {
  std::string user_id;
  std::string role;  // one of part_*
  std::int64_t last_read_seq = 0;
};

struct Conversation {
  std::string id;
  std::string kind;    // kind_delivery or kind_support
  std::string status;  // status_open or status_closed
  std::optional<std::string> delivery_id;
  std::optional<std::string> order_id;
  std::optional<std::string> opened_by;    // support: the customer or merchant user
  std::optional<std::string> opener_role;  // support: part_customer or part_merchant
  std::string subject;
  std::optional<std::string> assignee_id;  // support: the admin who took it
  std::optional<std::string> closed_reason;
  std::int64_t last_seq = 0;  // the newest message's seq; 0 before the first
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> closed_at_us;
  std::vector<Participant> participants;
  // For the caller: messages from others after their last-read message (0 for a reader who
  // is not a participant, such as an admin looking at the inbox).
  std::int64_t unread = 0;
};

struct Message {
  std::string id;
  std::string conversation_id;
  std::int64_t seq = 0;  // 1, 2, ... within the conversation
  std::string sender_id;
  std::string body;     // contacts masked in delivery conversations; empty once erased
  bool masked = false;  // a contact was masked
  bool erased = false;  // the sender's account was erased
  std::int64_t sent_at_us = 0;
};

struct MessagePage {
  std::vector<Message> messages;  // newest first
  std::optional<std::string> next_cursor;
};

struct ConversationPage {
  std::vector<Conversation> conversations;
  std::optional<std::string> next_cursor;
};

// The participant `user_id` of `c`, or nullptr.
inline const Participant* participant_of(const Conversation& c, std::string_view user_id) {
  for (const auto& p : c.participants)
    if (p.user_id == user_id) return &p;
  return nullptr;
}

// A support conversation as a customer or merchant user opens it.
struct NewSupportConversation {
  std::string subject;
  std::optional<std::string> order_id;
  std::string first_message;
};

// What a deliveries.delivery.* event tells chat.
struct DeliveryChange {
  std::string delivery_id;
  std::string order_id;
  std::string customer_id;
  std::string driver_id;
  std::string status;
};

}  // namespace reskflow::chat

// The events chat publishes (bus, at least once; the subject is the conversation id) in the
// transaction that stores a message, moves a read marker or closes a conversation. They carry no
// message text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/conversion.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace reskflow::chat::events {

inline constexpr std::string_view message_sent = "chat.message.sent";
inline constexpr std::string_view conversation_closed = "chat.conversation.closed";
inline constexpr std::string_view conversation_read = "chat.conversation.read";

// chat.message.sent. JSON: {"conversation_id","message_id","seq","sender_id","recipient_ids",
// "kind","at"}: who should hear of it (a notification), never what it says.
struct MessageSent {
  std::string conversation_id;
  std::string message_id;
  std::int64_t seq = 0;
  std::string sender_id;
  std::vector<std::string> recipient_ids;
  std::string kind;  // "delivery" or "support"
  std::int64_t at_us = 0;
};

// chat.conversation.closed. JSON: {"conversation_id","kind","reason","at"}.
struct ConversationClosed {
  std::string conversation_id;
  std::string kind;
  std::string reason;
  std::int64_t at_us = 0;
};

// chat.conversation.read: a participant moved their read marker forward (POST .../read), so
// they have seen the messages up to `seq`. JSON: {"conversation_id","user_id","seq","at"}.
struct ConversationRead {
  std::string conversation_id;
  std::string user_id;
  std::int64_t seq = 0;
  std::int64_t at_us = 0;
};

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const MessageSent& event);
boost::system::result<MessageSent> tag_invoke(const boost::json::try_value_to_tag<MessageSent>&,
                                              const boost::json::value& in);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ConversationClosed& event);
boost::system::result<ConversationClosed> tag_invoke(
    const boost::json::try_value_to_tag<ConversationClosed>&, const boost::json::value& in);
void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ConversationRead& event);
boost::system::result<ConversationRead> tag_invoke(
    const boost::json::try_value_to_tag<ConversationRead>&, const boost::json::value& in);

}  // namespace reskflow::chat::events

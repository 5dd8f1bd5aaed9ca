// chat's event payloads <-> JSON: the one place their field names are written down.
#include "reskflow/chat/events.h"

#include <boost/json.hpp>

#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::chat::events {

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const MessageSent& event) {
  boost::json::array recipients;
  for (const auto& id : event.recipient_ids) recipients.emplace_back(id);
  out = boost::json::object{{"conversation_id", event.conversation_id},
                            {"message_id", event.message_id},
                            {"seq", event.seq},
                            {"sender_id", event.sender_id},
                            {"recipient_ids", std::move(recipients)},
                            {"kind", event.kind},
                            {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<MessageSent> tag_invoke(const boost::json::try_value_to_tag<MessageSent>&,
                                              const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  MessageSent event;
  boost::system::error_code ec;
  modules::payload::read(*object, "conversation_id", event.conversation_id, ec);
  modules::payload::read(*object, "message_id", event.message_id, ec);
  modules::payload::read(*object, "seq", event.seq, ec);
  modules::payload::read(*object, "sender_id", event.sender_id, ec);
  modules::payload::read(*object, "recipient_ids", event.recipient_ids, ec);
  modules::payload::read(*object, "kind", event.kind, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ConversationClosed& event) {
  out = boost::json::object{{"conversation_id", event.conversation_id},
                            {"kind", event.kind},
                            {"reason", event.reason},
                            {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<ConversationClosed> tag_invoke(
    const boost::json::try_value_to_tag<ConversationClosed>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  ConversationClosed event;
  boost::system::error_code ec;
  modules::payload::read(*object, "conversation_id", event.conversation_id, ec);
  modules::payload::read(*object, "kind", event.kind, ec);
  modules::payload::read(*object, "reason", event.reason, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

void tag_invoke(const boost::json::value_from_tag&, boost::json::value& out,
                const ConversationRead& event) {
  out = boost::json::object{{"conversation_id", event.conversation_id},
                            {"user_id", event.user_id},
                            {"seq", event.seq},
                            {"at", modules::iso_utc(event.at_us)}};
}

boost::system::result<ConversationRead> tag_invoke(
    const boost::json::try_value_to_tag<ConversationRead>&, const boost::json::value& in) {
  const auto* object = in.if_object();
  if (object == nullptr) return boost::json::make_error_code(boost::json::error::not_object);
  ConversationRead event;
  boost::system::error_code ec;
  modules::payload::read(*object, "conversation_id", event.conversation_id, ec);
  modules::payload::read(*object, "user_id", event.user_id, ec);
  modules::payload::read(*object, "seq", event.seq, ec);
  modules::payload::read_time(*object, "at", event.at_us, ec);
  if (ec) return ec;
  return event;
}

}  // namespace reskflow::chat::events

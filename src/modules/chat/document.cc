// Renders conversations and messages; the one place their field names are written down.
#include "document.h"

#include <boost/json.hpp>

#include "reskflow/modules/utc_time.h"

namespace reskflow::chat {
namespace {

boost::json::value text_or_null(const std::optional<std::string>& text) {
  return text ? boost::json::value(*text) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object conversation_json(const Conversation& c) {
  boost::json::array participants;
  for (const auto& p : c.participants)
    participants.push_back(
        {{"user_id", p.user_id}, {"role", p.role}, {"last_read_seq", p.last_read_seq}});
  return {{"id", c.id},
          {"kind", c.kind},
          {"status", c.status},
          {"delivery_id", text_or_null(c.delivery_id)},
          {"order_id", text_or_null(c.order_id)},
          {"opened_by", text_or_null(c.opened_by)},
          {"opener_role", text_or_null(c.opener_role)},
          {"subject", c.subject},
          {"assignee_id", text_or_null(c.assignee_id)},
          {"participants", std::move(participants)},
          {"last_seq", c.last_seq},
          {"unread", c.unread},
          {"created_at", modules::iso_utc(c.created_at_us)},
          {"closed_at", c.closed_at_us ? boost::json::value(modules::iso_utc(*c.closed_at_us))
                                       : boost::json::value(nullptr)},
          {"closed_reason", text_or_null(c.closed_reason)}};
}

boost::json::object message_json(const Message& m) {
  return {{"id", m.id},         {"conversation_id", m.conversation_id},
          {"seq", m.seq},       {"sender_id", m.sender_id},
          {"body", m.body},     {"masked", m.masked},
          {"erased", m.erased}, {"sent_at", modules::iso_utc(m.sent_at_us)}};
}

}  // namespace reskflow::chat

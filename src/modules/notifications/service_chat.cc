// Chat notices: a recipient who has not read a message chat_notice_delay_ms after it was sent is
// told, once per conversation until they read it, in the inbox and by Web Push as they allow,
// never by email or SMS (docs/notifications.md, "Chat messages").
#include "reskflow/bus/outbox.h"
#include "reskflow/chat/events.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/payload.h"
#include "service.h"

namespace reskflow::notifications {
namespace {

// The template of a conversation's kind: "chat.message.sent.delivery", "...support".
std::string chat_template(std::string_view conversation_kind) {
  return std::string(chat::events::message_sent) + "." + std::string(conversation_kind);
}

}  // namespace

Status Service::on_chat_event(const bus::Envelope& event) {
  const auto rejected = [&](std::string_view detail) {
    metrics_.events_rejected.inc();
    log::warn("notifications_event_rejected",
              {{"event_id", event.event_id}, {"type", event.type}, {"detail", detail}});
    return Status{};
  };
  if (event.type == chat::events::conversation_read) {
    auto read = modules::payload::from_payload<chat::events::ConversationRead>(event.type,
                                                                               event.payload_json);
    if (!read || read->user_id.empty()) return rejected("malformed payload");
    return bus::handle_once(db_, consumer_chat, event, [&](store::Transaction& tx) {
      return repository::chat_read(tx, read->user_id, read->conversation_id, read->seq, clock_());
    });
  }
  if (event.type != chat::events::message_sent) return {};  // a closed conversation tells nobody
  auto sent =
      modules::payload::from_payload<chat::events::MessageSent>(event.type, event.payload_json);
  if (!sent || sent->conversation_id.empty()) return rejected("malformed payload");
  if (!template_kind(chat_template(sent->kind))) return rejected("unknown conversation kind");
  const auto due_at_us = sent->at_us + settings_.chat_notice_delay_ms * 1'000;
  return bus::handle_once(db_, consumer_chat, event, [&](store::Transaction& tx) -> Status {
    // Writing in the conversation shows the sender has seen it up to their own message.
    RF_TRY(seen,
           repository::chat_read(tx, sent->sender_id, sent->conversation_id, sent->seq, clock_()));
    for (const auto& user : sent->recipient_ids) {
      RF_TRY(erased, repository::erased(tx, user));
      if (*erased) continue;
      RF_TRY(noted,
             repository::note_chat_message(tx, {user, sent->conversation_id, sent->kind,
                                                sent->message_id, sent->seq, due_at_us, false}));
    }
    return Status{};
  });
}

Result<std::vector<InboxItem>> Service::tell_due_chat_notices() {
  RF_TRY(due, db_.read([&](store::Transaction& tx) {
    return repository::due_chat_notices(tx, clock_(), settings_.dispatch_batch_max);
  }));
  std::vector<InboxItem> added;
  for (const auto& notice : *due) {
    RF_TRY(items, tell_chat_notice(notice));
    for (auto& item : *items) added.push_back(std::move(item));
  }
  metrics_.inbox_added.inc(static_cast<double>(added.size()));
  return added;
}

Result<std::vector<InboxItem>> Service::tell_chat_notice(const repository::ChatNotice& chat) {
  const Notice notice{chat_template(chat.conversation_kind),
                      Kind::chat,
                      chat.user_id,
                      chat.conversation_id,
                      std::nullopt,
                      clock_(),
                      {}};
  std::vector<InboxItem> added;
  RF_TRY(told, db_.write([&](store::Transaction& tx) -> Status {
    added.clear();  // a retried transaction starts again
    RF_TRY(first, repository::mark_chat_told(tx, chat.user_id, chat.conversation_id));
    if (!*first) return {};  // read or told since it was found due
    return queue_notice(tx, chat.first_message_id, notice, added);
  }));
  return added;
}

}  // namespace reskflow::notifications

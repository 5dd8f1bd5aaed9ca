// Messages: sending (masking, the closed check, the event), the history, read markers and
// typing indicators.
#include "masking.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/chat/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::chat {
namespace {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

Status refuse_closed(const Conversation& c) {
  return fail(ErrorCode::conflict, "this conversation is closed (" +
                                       c.closed_reason.value_or("closed") +
                                       "); new messages are not accepted");
}

}  // namespace

Result<Message> Service::append(store::Transaction& tx, const http::Principal& caller,
                                const Conversation& c, std::string_view body) {
  RF_TRY(seq, repository::next_seq(tx, c.id));
  if (!*seq) return std::unexpected(refuse_closed(c).error());
  Message m;
  m.id = store::new_uuid_v7();
  m.conversation_id = c.id;
  m.seq = **seq;
  m.sender_id = caller.subject;
  m.sent_at_us = clock_();
  if (c.kind == kind_delivery) {
    auto masked = mask_contacts(body);
    m.body = std::move(masked.text);
    m.masked = masked.masked;
  } else {
    m.body = std::string(body);
  }
  RF_TRY(inserted, repository::insert_message(tx, m));
  RF_TRY(read, repository::mark_read(tx, c.id, caller.subject, m.seq));
  events::MessageSent event{c.id, m.id, m.seq, m.sender_id, {}, c.kind, m.sent_at_us};
  for (const auto& p : c.participants)
    if (p.user_id != caller.subject) event.recipient_ids.push_back(p.user_id);
  RF_TRY(published, bus::publish(tx, {std::string(events::message_sent), c.id,
                                      modules::payload::to_payload(event)}));
  return m;
}

Result<Message> Service::send(const http::Principal& caller, std::string_view id,
                              std::string_view body) {
  if (is_blank(body))
    return fail(ErrorCode::validation_failed, "invalid message", {{"body", "must not be blank"}});
  const bool admin = caller.role == identity::role_admin;
  auto sent = db_.write([&](store::Transaction& tx) -> Result<std::pair<Message, bool>> {
    RF_TRY(c, readable(tx, caller, id));
    if (c->status == status_closed) return std::unexpected(refuse_closed(*c).error());
    bool took = false;
    if (admin && participant_of(*c, caller.subject) == nullptr) {
      // Support answering joins the conversation, and takes it while nobody has.
      RF_TRY(joined, repository::put_participant(
                         tx, id, {caller.subject, std::string(part_support), 0}, clock_()));
      if (!c->assignee_id) {
        RF_TRY(assigned, repository::assign(tx, id, caller.subject));
        took = true;
      }
    }
    RF_TRY(m, append(tx, caller, *c, body));
    return std::pair{std::move(*m), took};
  });
  if (!sent) return std::unexpected(sent.error());
  metrics_.messages_sent.inc();
  if (sent->first.masked) metrics_.messages_masked.inc();
  if (live_ != nullptr) {
    if (sent->second) {
      if (auto c = conversation(caller, id)) live_->conversation_changed(*c);
    }
    live_->message_stored(sent->first);
  }
  return std::move(sent->first);
}

Result<MessagePage> Service::messages(const http::Principal& caller, std::string_view id,
                                      const modules::PageRequest& page) {
  std::optional<std::int64_t> before;
  if (page.cursor) {
    before = parse_seq_cursor(*page.cursor);
    if (!before)
      return fail(ErrorCode::validation_failed, "invalid cursor", {{"cursor", "unknown"}});
  }
  return db_.read([&](store::Transaction& tx) -> Result<MessagePage> {
    RF_TRY(c, readable(tx, caller, id));
    RF_TRY(rows, repository::messages(tx, id, before, page.limit + 1));
    MessagePage out;
    if (static_cast<std::int64_t>(rows->size()) > page.limit) {
      rows->resize(static_cast<std::size_t>(page.limit));
      out.next_cursor = std::to_string(rows->back().seq);
    }
    out.messages = std::move(*rows);
    return out;
  });
}

Result<Conversation> Service::mark_read(const http::Principal& caller, std::string_view id,
                                        std::int64_t seq) {
  auto marked = db_.write([&](store::Transaction& tx) -> Result<Conversation> {
    RF_TRY(c, readable(tx, caller, id));
    if (seq > c->last_seq)
      return fail(
          ErrorCode::validation_failed, "invalid read marker",
          {{"seq", "must be at most " + std::to_string(c->last_seq) + ", the newest message's"}});
    if (participant_of(*c, caller.subject) == nullptr) return c;
    RF_TRY(moved, repository::mark_read(tx, id, caller.subject, seq));
    if (*moved) {
      const events::ConversationRead event{c->id, caller.subject, seq, clock_()};
      RF_TRY(published, bus::publish(tx, {std::string(events::conversation_read), c->id,
                                          modules::payload::to_payload(event)}));
    }
    return readable(tx, caller, id);
  });
  if (!marked) return marked;
  const auto* me = participant_of(*marked, caller.subject);
  if (live_ != nullptr && me != nullptr)
    live_->read_moved(marked->id, caller.subject, me->last_read_seq);
  return marked;
}

Status Service::typing(const http::Principal& caller, std::string_view id) {
  RF_TRY(c, conversation(caller, id));
  const auto* me = participant_of(*c, caller.subject);
  if (me == nullptr)
    return fail(ErrorCode::conflict, "join the conversation by answering it before typing");
  if (c->status == status_closed) return refuse_closed(*c);
  if (live_ != nullptr) live_->typing(c->id, caller.subject, me->role);
  return {};
}

}  // namespace reskflow::chat

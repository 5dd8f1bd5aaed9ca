// Conversations: who may read one, support conversations opened, closed and assigned, and the
// lists (the caller's conversations, the support inbox).
#include <charconv>

#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/chat/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::chat {
namespace {

bool is_admin(const http::Principal& caller) { return caller.role == identity::role_admin; }

std::optional<repository::ListPosition> parse_list_cursor(std::string_view cursor) {
  const auto first = cursor.find('.');
  const auto second = cursor.find('.', first == std::string_view::npos ? 0 : first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return std::nullopt;
  repository::ListPosition at;
  const auto number = [](std::string_view text, std::int64_t& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
  };
  if (!number(cursor.substr(0, first), at.assigned) ||
      !number(cursor.substr(first + 1, second - first - 1), at.created_at_us))
    return std::nullopt;
  at.id = std::string(cursor.substr(second + 1));
  if (at.id.empty()) return std::nullopt;
  return at;
}

Result<std::optional<repository::ListPosition>> list_position(const modules::PageRequest& page) {
  if (!page.cursor) return std::optional<repository::ListPosition>{};
  auto at = parse_list_cursor(*page.cursor);
  if (!at) return fail(ErrorCode::validation_failed, "invalid cursor", {{"cursor", "unknown"}});
  return at;
}

// A page of at most `limit` from limit + 1 rows; the inbox's cursor also holds the assigned flag
// it sorts by first (0 in the caller's list, which does not).
ConversationPage page_of(std::vector<Conversation> rows, std::int64_t limit, bool inbox) {
  ConversationPage page;
  if (static_cast<std::int64_t>(rows.size()) > limit) {
    rows.resize(static_cast<std::size_t>(limit));
    const auto& last = rows.back();
    page.next_cursor = std::to_string(inbox && last.assignee_id ? 1 : 0) + "." +
                       std::to_string(last.created_at_us) + "." + last.id;
  }
  page.conversations = std::move(rows);
  return page;
}

}  // namespace

Service::Service(store::Database& database, orders::Orders& orders, identity::Directory& directory,
                 ChatSettings settings, ChatMetrics& metrics, modules::Clock clock)
    : db_(database),
      orders_(orders),
      directory_(directory),
      settings_(settings),
      metrics_(metrics),
      clock_(std::move(clock)) {}

Result<Conversation> Service::loaded(store::Transaction& tx, std::string_view id) {
  RF_TRY(found, repository::conversation(tx, id));
  if (!*found) return fail(ErrorCode::not_found, "no such conversation");
  RF_TRY(people, repository::participants(tx, id));
  (*found)->participants = std::move(*people);
  return std::move(**found);
}

Result<Conversation> Service::readable(store::Transaction& tx, const http::Principal& caller,
                                       std::string_view id) {
  auto c = loaded(tx, id);
  if (!c) return c;
  if (const auto* p = participant_of(*c, caller.subject)) {
    RF_TRY(count, repository::unread(tx, id, caller.subject, p->last_read_seq));
    c->unread = *count;
    return c;
  }
  if (c->kind == kind_support && is_admin(caller)) return c;
  return fail(ErrorCode::not_found, "no such conversation");
}

Result<Conversation> Service::conversation(const http::Principal& caller, std::string_view id) {
  return db_.read([&](store::Transaction& tx) { return readable(tx, caller, id); });
}

Status Service::may_follow(const http::Principal& caller, std::string_view id) {
  RF_TRY(c, conversation(caller, id));
  return {};
}

Status Service::check_order(const http::Principal& caller, const std::string& order_id) {
  auto order = orders_.delivery_order(order_id);
  if (!order) {
    if (order.error().code == ErrorCode::not_found)
      return fail(ErrorCode::not_found, "no such order");
    return std::unexpected(order.error());
  }
  if (caller.role == identity::role_merchant) {
    auto staff = directory_.require_merchant_staff(caller, order->merchant_id,
                                                   identity::MerchantLevel::staff);
    if (!staff && staff.error().code == ErrorCode::not_found)
      return fail(ErrorCode::not_found, "no such order");
    return staff;
  }
  if (order->customer_id != caller.subject) return fail(ErrorCode::not_found, "no such order");
  return {};
}

Result<Conversation> Service::open_support(const http::Principal& caller,
                                           const NewSupportConversation& request) {
  if (request.first_message.find_first_not_of(" \t\r\n") == std::string::npos)
    return fail(ErrorCode::validation_failed, "invalid message",
                {{"message", "must not be blank"}});
  if (request.order_id) {
    RF_TRY(ok, check_order(caller, *request.order_id));
  }
  const auto role = caller.role == identity::role_merchant ? part_merchant : part_customer;
  const auto now = clock_();
  Conversation c;
  c.id = store::new_uuid_v7();
  c.kind = kind_support;
  c.status = status_open;
  c.order_id = request.order_id;
  c.opened_by = caller.subject;
  c.opener_role = std::string(role);
  c.subject = request.subject;
  c.created_at_us = now;
  c.participants = {{caller.subject, std::string(role), 0}};
  auto stored = db_.write([&](store::Transaction& tx) -> Result<Message> {
    RF_TRY(open, repository::open_support_count(tx, caller.subject));
    if (*open >= settings_.open_support_conversations_max)
      return fail(ErrorCode::conflict,
                  "you have " + std::to_string(*open) +
                      " open support conversations; continue one of them or close one first");
    RF_TRY(inserted, repository::insert_conversation(tx, c));
    RF_TRY(joined, repository::put_participant(tx, c.id, c.participants.front(), now));
    return append(tx, caller, c, request.first_message);
  });
  if (!stored) return std::unexpected(stored.error());
  metrics_.conversations_opened.inc();
  metrics_.messages_sent.inc();
  auto opened = conversation(caller, c.id);
  if (opened) notify_changed(*opened);
  return opened;
}

Result<ConversationPage> Service::conversations(const http::Principal& caller,
                                                const std::optional<std::string>& order_id,
                                                const modules::PageRequest& page) {
  RF_TRY(after, list_position(page));
  return db_.read([&](store::Transaction& tx) -> Result<ConversationPage> {
    RF_TRY(rows, repository::conversations_of(tx, caller.subject, order_id, *after, page.limit));
    auto out = page_of(std::move(*rows), page.limit, false);
    for (auto& c : out.conversations) {
      RF_TRY(people, repository::participants(tx, c.id));
      c.participants = std::move(*people);
    }
    return out;
  });
}

Result<ConversationPage> Service::inbox(const modules::PageRequest& page) {
  RF_TRY(after, list_position(page));
  return db_.read([&](store::Transaction& tx) -> Result<ConversationPage> {
    RF_TRY(rows, repository::support_inbox(tx, *after, page.limit));
    auto out = page_of(std::move(*rows), page.limit, true);
    for (auto& c : out.conversations) {
      RF_TRY(people, repository::participants(tx, c.id));
      c.participants = std::move(*people);
    }
    return out;
  });
}

Result<Conversation> Service::close_in(store::Transaction& tx, Conversation c,
                                       const std::string& reason) {
  const auto now = clock_();
  RF_TRY(closed, repository::close(tx, c.id, reason, now));
  if (!*closed) return c;
  c.status = status_closed;
  c.closed_reason = reason;
  c.closed_at_us = now;
  const events::ConversationClosed event{c.id, c.kind, reason, now};
  RF_TRY(published, bus::publish(tx, {std::string(events::conversation_closed), c.id,
                                      modules::payload::to_payload(event)}));
  return c;
}

Result<Conversation> Service::close(const http::Principal& caller, std::string_view id) {
  auto closed = db_.write([&](store::Transaction& tx) -> Result<Conversation> {
    RF_TRY(c, readable(tx, caller, id));
    if (c->kind == kind_delivery)
      return fail(ErrorCode::conflict,
                  "a conversation with a courier closes by itself when the delivery ends");
    if (c->status == status_closed)
      return fail(ErrorCode::conflict, "this conversation is closed already");
    const auto reason = is_admin(caller) ? std::string("closed by support")
                                         : "closed by the " + c->opener_role.value_or("opener");
    return close_in(tx, std::move(*c), reason);
  });
  if (!closed) return closed;
  metrics_.conversations_closed.inc();
  notify_changed(*closed);
  return closed;
}

Result<Conversation> Service::assign_to_me(const http::Principal& admin, std::string_view id) {
  auto taken = db_.write([&](store::Transaction& tx) -> Result<Conversation> {
    RF_TRY(c, readable(tx, admin, id));
    if (c->status == status_closed) return fail(ErrorCode::conflict, "this conversation is closed");
    RF_TRY(assigned, repository::assign(tx, id, admin.subject));
    RF_TRY(joined, repository::put_participant(
                       tx, id, {admin.subject, std::string(part_support), c->last_seq}, clock_()));
    return readable(tx, admin, id);
  });
  if (taken) notify_changed(*taken);
  return taken;
}

void Service::notify_changed(const Conversation& conversation) {
  if (live_ != nullptr) live_->conversation_changed(conversation);
}

std::optional<std::int64_t> parse_seq_cursor(std::string_view cursor) {
  std::int64_t seq = 0;
  const auto [end, ec] = std::from_chars(cursor.data(), cursor.data() + cursor.size(), seq);
  if (ec != std::errc{} || end != cursor.data() + cursor.size() || seq < 1) return std::nullopt;
  return seq;
}

}  // namespace reskflow::chat

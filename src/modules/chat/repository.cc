// SQL over the chat tables; both engines run the same statements.
#include "repository.h"

namespace reskflow::chat::repository {
namespace {

constexpr std::string_view conversation_columns =
    "c.id, c.kind, c.status, c.delivery_id, c.order_id, c.opened_by, c.opener_role, c.subject, "
    "c.assignee_id, c.closed_reason, c.last_seq, c.created_at_us, c.closed_at_us";
constexpr std::size_t conversation_column_count = 13;

store::Value optional_value(const std::optional<std::string>& text) {
  if (!text) return store::null_value;
  return *text;
}

Conversation conversation_of_row(const store::Row& r) {
  Conversation c;
  c.id = r.text(0);
  c.kind = r.text(1);
  c.status = r.text(2);
  c.delivery_id = r.optional_text(3);
  c.order_id = r.optional_text(4);
  c.opened_by = r.optional_text(5);
  c.opener_role = r.optional_text(6);
  c.subject = r.text(7);
  c.assignee_id = r.optional_text(8);
  c.closed_reason = r.optional_text(9);
  c.last_seq = r.int64(10);
  c.created_at_us = r.int64(11);
  c.closed_at_us = r.optional_int64(12);
  return c;
}

Result<std::optional<Conversation>> one_conversation(store::Transaction& tx, std::string_view where,
                                                     std::string_view value) {
  RF_TRY(rows, tx.query("SELECT " + std::string(conversation_columns) +
                            " FROM chat_conversations c WHERE " + std::string(where) + " = $1",
                        {std::string(value)}));
  if (rows->empty()) return std::optional<Conversation>{};
  return conversation_of_row(rows->front());
}

Message message_of_row(const store::Row& r) {
  return {r.text(0), r.text(1),       r.int64(2),    r.text(3),
          r.text(4), r.int64(5) != 0, !r.is_null(6), r.int64(7)};
}

}  // namespace

Status insert_conversation(store::Transaction& tx, const Conversation& c) {
  RF_TRY(n,
         tx.exec("INSERT INTO chat_conversations (id, kind, status, delivery_id, order_id, "
                 "opened_by, opener_role, subject, assignee_id, last_seq, created_at_us) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)",
                 {c.id, c.kind, c.status, optional_value(c.delivery_id), optional_value(c.order_id),
                  optional_value(c.opened_by), optional_value(c.opener_role), c.subject,
                  optional_value(c.assignee_id), c.created_at_us}));
  return {};
}

Result<std::optional<Conversation>> conversation(store::Transaction& tx, std::string_view id) {
  return one_conversation(tx, "c.id", id);
}

Result<std::optional<Conversation>> conversation_of_delivery(store::Transaction& tx,
                                                             std::string_view delivery_id) {
  return one_conversation(tx, "c.delivery_id", delivery_id);
}

Result<std::vector<Participant>> participants(store::Transaction& tx,
                                              std::string_view conversation_id) {
  RF_TRY(rows, tx.query("SELECT user_id, role, last_read_seq FROM chat_participants WHERE "
                        "conversation_id = $1 ORDER BY joined_at_us, user_id",
                        {std::string(conversation_id)}));
  std::vector<Participant> out;
  for (const auto r : *rows) out.push_back({r.text(0), r.text(1), r.int64(2)});
  return out;
}

Status put_participant(store::Transaction& tx, std::string_view conversation_id,
                       const Participant& p, std::int64_t now_us) {
  RF_TRY(n, tx.exec("INSERT INTO chat_participants (conversation_id, user_id, role, "
                    "last_read_seq, joined_at_us) VALUES ($1, $2, $3, $4, $5) "
                    "ON CONFLICT (conversation_id, user_id) DO UPDATE SET role = excluded.role",
                    {std::string(conversation_id), p.user_id, p.role, p.last_read_seq, now_us}));
  return {};
}

Result<std::int64_t> remove_role(store::Transaction& tx, std::string_view conversation_id,
                                 std::string_view role) {
  return tx.exec("DELETE FROM chat_participants WHERE conversation_id = $1 AND role = $2",
                 {std::string(conversation_id), std::string(role)});
}

Result<std::optional<std::int64_t>> next_seq(store::Transaction& tx,
                                             std::string_view conversation_id) {
  RF_TRY(rows, tx.query("UPDATE chat_conversations SET last_seq = last_seq + 1 WHERE id = $1 "
                        "AND status = 'open' RETURNING last_seq",
                        {std::string(conversation_id)}));
  if (rows->empty()) return std::optional<std::int64_t>{};
  return rows->front().int64(0);
}

Status insert_message(store::Transaction& tx, const Message& m) {
  RF_TRY(n, tx.exec("INSERT INTO chat_messages (conversation_id, seq, id, sender_id, body, "
                    "masked, sent_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    {m.conversation_id, m.seq, m.id, m.sender_id, m.body,
                     std::int64_t{m.masked ? 1 : 0}, m.sent_at_us}));
  return {};
}

Result<std::vector<Message>> messages(store::Transaction& tx, std::string_view conversation_id,
                                      std::optional<std::int64_t> before_seq, std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT id, conversation_id, seq, sender_id, body, masked, "
                        "erased_at_us, sent_at_us FROM chat_messages WHERE conversation_id = $1 "
                        "AND seq < $2 ORDER BY seq DESC LIMIT $3",
                        {std::string(conversation_id),
                         before_seq.value_or(std::numeric_limits<std::int64_t>::max()), limit}));
  std::vector<Message> out;
  out.reserve(rows->size());
  for (const auto r : *rows) out.push_back(message_of_row(r));
  return out;
}

Result<bool> mark_read(store::Transaction& tx, std::string_view conversation_id,
                       std::string_view user_id, std::int64_t seq) {
  RF_TRY(n, tx.exec("UPDATE chat_participants SET last_read_seq = $3 WHERE conversation_id = $1 "
                    "AND user_id = $2 AND last_read_seq < $3",
                    {std::string(conversation_id), std::string(user_id), seq}));
  return *n == 1;
}

Result<std::int64_t> unread(store::Transaction& tx, std::string_view conversation_id,
                            std::string_view user_id, std::int64_t after_seq) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM chat_messages WHERE conversation_id = $1 AND "
                        "seq > $2 AND sender_id <> $3",
                        {std::string(conversation_id), after_seq, std::string(user_id)}));
  return rows->front().int64(0);
}

Result<bool> close(store::Transaction& tx, std::string_view conversation_id,
                   std::string_view reason, std::int64_t now_us) {
  RF_TRY(n, tx.exec("UPDATE chat_conversations SET status = 'closed', closed_reason = $2, "
                    "closed_at_us = $3 WHERE id = $1 AND status = 'open'",
                    {std::string(conversation_id), std::string(reason), now_us}));
  return *n > 0;
}

Status assign(store::Transaction& tx, std::string_view conversation_id, std::string_view admin_id) {
  RF_TRY(n, tx.exec("UPDATE chat_conversations SET assignee_id = $2 WHERE id = $1",
                    {std::string(conversation_id), std::string(admin_id)}));
  return {};
}

Result<std::vector<Conversation>> conversations_of(store::Transaction& tx, std::string_view user_id,
                                                   const std::optional<std::string>& order_id,
                                                   const std::optional<ListPosition>& after,
                                                   std::int64_t limit) {
  std::string sql = "SELECT " + std::string(conversation_columns) +
                    ", (SELECT COUNT(*) FROM chat_messages m WHERE m.conversation_id = c.id AND "
                    "m.seq > p.last_read_seq AND m.sender_id <> p.user_id) FROM "
                    "chat_conversations c JOIN chat_participants p ON p.conversation_id = c.id "
                    "WHERE p.user_id = $1";
  store::Params params{std::string(user_id)};
  const auto next = [&params] { return "$" + std::to_string(params.size()); };
  if (order_id) {
    params.emplace_back(*order_id);
    sql += " AND c.order_id = " + next();
  }
  if (after) {
    params.emplace_back(after->created_at_us);
    const auto created = next();
    params.emplace_back(after->id);
    sql += " AND (c.created_at_us < " + created + " OR (c.created_at_us = " + created +
           " AND c.id < " + next() + "))";
  }
  params.emplace_back(limit + 1);
  sql += " ORDER BY c.created_at_us DESC, c.id DESC LIMIT " + next();
  RF_TRY(rows, tx.query(sql, params));
  std::vector<Conversation> out;
  for (const auto r : *rows) {
    out.push_back(conversation_of_row(r));
    out.back().unread = r.int64(conversation_column_count);
  }
  return out;
}

Result<std::vector<Conversation>> support_inbox(store::Transaction& tx,
                                                const std::optional<ListPosition>& after,
                                                std::int64_t limit) {
  constexpr std::string_view flag = "(CASE WHEN c.assignee_id IS NULL THEN 0 ELSE 1 END)";
  std::string sql = "SELECT " + std::string(conversation_columns) +
                    " FROM chat_conversations c WHERE c.kind = 'support' AND c.status = 'open'";
  store::Params params;
  if (after) {
    params = {after->assigned, after->created_at_us, after->id};
    sql += " AND (" + std::string(flag) + " > $1 OR (" + std::string(flag) +
           " = $1 AND (c.created_at_us > $2 OR (c.created_at_us = $2 AND c.id > $3))))";
  }
  params.emplace_back(limit + 1);
  sql += " ORDER BY " + std::string(flag) + ", c.created_at_us, c.id LIMIT $" +
         std::to_string(params.size());
  RF_TRY(rows, tx.query(sql, params));
  std::vector<Conversation> out;
  for (const auto r : *rows) out.push_back(conversation_of_row(r));
  return out;
}

Result<std::int64_t> open_support_count(store::Transaction& tx, std::string_view user_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM chat_conversations WHERE kind = 'support' AND "
                        "status = 'open' AND opened_by = $1",
                        {std::string(user_id)}));
  return rows->front().int64(0);
}

Result<std::int64_t> erase_user(store::Transaction& tx, std::string_view user_id,
                                std::int64_t now_us) {
  RF_TRY(subjects, tx.exec("UPDATE chat_conversations SET subject = '' WHERE opened_by = $1",
                           {std::string(user_id)}));
  return tx.exec(
      "UPDATE chat_messages SET body = '', masked = 0, erased_at_us = $2 WHERE "
      "sender_id = $1 AND erased_at_us IS NULL",
      {std::string(user_id), now_us});
}

}  // namespace reskflow::chat::repository

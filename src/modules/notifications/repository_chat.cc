// SQL over notifications_chat_notices: a recipient's unread messages in one conversation, told
// once when due, dropped when a read marker covers them.
#include "repository.h"

namespace reskflow::notifications::repository {
namespace {

constexpr std::string_view chat_columns =
    "user_id, conversation_id, conversation_kind, first_message_id, last_seq, due_at_us, told";

}  // namespace

Status note_chat_message(store::Transaction& tx, const ChatNotice& n) {
  RF_TRY(noted, tx.exec("INSERT INTO notifications_chat_notices (" + std::string(chat_columns) +
                            ") VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, "
                            "conversation_id) DO UPDATE SET last_seq = CASE WHEN "
                            "excluded.last_seq > notifications_chat_notices.last_seq THEN "
                            "excluded.last_seq ELSE notifications_chat_notices.last_seq END",
                        {n.user_id, n.conversation_id, n.conversation_kind, n.first_message_id,
                         n.last_seq, n.due_at_us, n.told}));
  return {};
}

Status chat_read(store::Transaction& tx, std::string_view user_id, std::string_view conversation_id,
                 std::int64_t seq, std::int64_t now_us) {
  const std::string user(user_id);
  const std::string conversation(conversation_id);
  RF_TRY(dropped, tx.exec("DELETE FROM notifications_chat_notices WHERE user_id = $1 AND "
                          "conversation_id = $2 AND last_seq <= $3",
                          {user, conversation, seq}));
  if (*dropped == 0) return {};
  RF_TRY(read, tx.exec("UPDATE notifications_inbox SET read_at_us = $3 WHERE user_id = $1 AND "
                       "subject_id = $2 AND kind = 'chat' AND read_at_us IS NULL",
                       {user, conversation, now_us}));
  return {};
}

Result<std::vector<ChatNotice>> due_chat_notices(store::Transaction& tx, std::int64_t now_us,
                                                 std::int64_t limit) {
  RF_TRY(rows, tx.query("SELECT " + std::string(chat_columns) +
                            " FROM notifications_chat_notices WHERE NOT told AND due_at_us <= $1 "
                            "ORDER BY due_at_us, user_id, conversation_id LIMIT $2",
                        {now_us, limit}));
  std::vector<ChatNotice> out;
  for (const auto r : *rows)
    out.push_back(
        {r.text(0), r.text(1), r.text(2), r.text(3), r.int64(4), r.int64(5), r.boolean(6)});
  return out;
}

Result<bool> mark_chat_told(store::Transaction& tx, std::string_view user_id,
                            std::string_view conversation_id) {
  RF_TRY(n, tx.exec("UPDATE notifications_chat_notices SET told = TRUE WHERE user_id = $1 AND "
                    "conversation_id = $2 AND NOT told",
                    {std::string(user_id), std::string(conversation_id)}));
  return *n == 1;
}

}  // namespace reskflow::notifications::repository

// SQL for chat_conversations, chat_participants and chat_messages; each function runs inside
// the caller's transaction, the same statements on SQLite and PostgreSQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::chat::repository {

// Where a list resumes: after (created_at_us, id) in the list's order, and for the inbox
// after the assigned flag too (0 unassigned, 1 assigned).
struct ListPosition {
  std::int64_t assigned = 0;
  std::int64_t created_at_us = 0;
  std::string id;
};

// Inserts the conversation without participants (Conversation::participants is ignored).
Status insert_conversation(store::Transaction& tx, const Conversation& c);
// The conversation without its participants; nullopt for an unknown id.
Result<std::optional<Conversation>> conversation(store::Transaction& tx, std::string_view id);
Result<std::optional<Conversation>> conversation_of_delivery(store::Transaction& tx,
                                                             std::string_view delivery_id);
Result<std::vector<Participant>> participants(store::Transaction& tx,
                                              std::string_view conversation_id);
// Adds the participant, or changes the part of one who is already in.
Status put_participant(store::Transaction& tx, std::string_view conversation_id,
                       const Participant& p, std::int64_t now_us);
// Removes every participant with `role`; how many went.
Result<std::int64_t> remove_role(store::Transaction& tx, std::string_view conversation_id,
                                 std::string_view role);

// Takes the next seq of an open conversation (locking its row until the transaction ends);
// nullopt when the conversation is closed.
Result<std::optional<std::int64_t>> next_seq(store::Transaction& tx,
                                             std::string_view conversation_id);
Status insert_message(store::Transaction& tx, const Message& m);
// Up to `limit` messages with seq below `before_seq` (all when nullopt), newest first.
Result<std::vector<Message>> messages(store::Transaction& tx, std::string_view conversation_id,
                                      std::optional<std::int64_t> before_seq, std::int64_t limit);
// Moves the participant's last-read seq forward to `seq` (never back); false when it was there
// already.
Result<bool> mark_read(store::Transaction& tx, std::string_view conversation_id,
                       std::string_view user_id, std::int64_t seq);
Result<std::int64_t> unread(store::Transaction& tx, std::string_view conversation_id,
                            std::string_view user_id, std::int64_t after_seq);

// Closes an open conversation; false when it was closed already.
Result<bool> close(store::Transaction& tx, std::string_view conversation_id,
                   std::string_view reason, std::int64_t now_us);
Status assign(store::Transaction& tx, std::string_view conversation_id, std::string_view admin_id);

// The user's conversations, newest first, each with the user's unread count; filtered by
// order when `order_id` is set. Up to limit + 1 rows, so the caller knows if more follow.
Result<std::vector<Conversation>> conversations_of(store::Transaction& tx, std::string_view user_id,
                                                   const std::optional<std::string>& order_id,
                                                   const std::optional<ListPosition>& after,
                                                   std::int64_t limit);
// Open support conversations, unassigned first, then oldest first; up to limit + 1 rows.
Result<std::vector<Conversation>> support_inbox(store::Transaction& tx,
                                                const std::optional<ListPosition>& after,
                                                std::int64_t limit);
Result<std::int64_t> open_support_count(store::Transaction& tx, std::string_view user_id);

// Empties the text of every message the user sent (erasure) and the subjects of the
// conversations they opened; how many messages changed.
Result<std::int64_t> erase_user(store::Transaction& tx, std::string_view user_id,
                                std::int64_t now_us);

}  // namespace reskflow::chat::repository

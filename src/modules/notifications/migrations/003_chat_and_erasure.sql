-- Chat notices: per recipient and conversation, the messages they have not read, told once
-- (told = TRUE) when still unread after the delay, until a read marker reaches last_seq.
CREATE TABLE notifications_chat_notices (
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  -- delivery or support: which wording tells it.
  conversation_kind TEXT NOT NULL,
  -- The first unread message: the notice's event id in the send queue.
  first_message_id TEXT NOT NULL,
  last_seq BIGINT NOT NULL,
  due_at_us BIGINT NOT NULL,
  told BOOLEAN NOT NULL,
  PRIMARY KEY (user_id, conversation_id)
);
CREATE INDEX notifications_chat_notices_due ON notifications_chat_notices (told, due_at_us);

-- Users whose data was erased: a notice about them that arrives after the erasure (another
-- module's consumer ran later) is dropped instead of filling an inbox nobody owns.
CREATE TABLE notifications_erased_users (
  user_id TEXT PRIMARY KEY,
  erased_at_us BIGINT NOT NULL
);

-- Chat: conversations (a delivery's customer and courier, or a customer or merchant user and
-- support), their participants with each one's last-read message, and the messages, numbered
-- per conversation by seq.
CREATE TABLE chat_conversations (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('delivery', 'support')),
  -- delivery: the delivery the conversation belongs to (one conversation per delivery)
  delivery_id TEXT UNIQUE,
  order_id TEXT,
  -- support: the customer or merchant user who opened it, and their role
  opened_by TEXT,
  opener_role TEXT,
  subject TEXT NOT NULL,
  -- support: the admin who took it; NULL while unassigned
  assignee_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_reason TEXT,
  last_seq BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  closed_at_us BIGINT
);
-- The support inbox: open support conversations, unassigned first, oldest first.
CREATE INDEX chat_conversations_inbox ON chat_conversations (kind, status, created_at_us);

CREATE TABLE chat_participants (
  conversation_id TEXT NOT NULL REFERENCES chat_conversations (id),
  user_id TEXT NOT NULL,
  -- customer, courier, merchant or support
  role TEXT NOT NULL,
  last_read_seq BIGINT NOT NULL,
  joined_at_us BIGINT NOT NULL,
  PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX chat_participants_user ON chat_participants (user_id);

CREATE TABLE chat_messages (
  conversation_id TEXT NOT NULL REFERENCES chat_conversations (id),
  seq BIGINT NOT NULL,
  id TEXT NOT NULL UNIQUE,
  sender_id TEXT NOT NULL,
  -- as stored: contacts already masked in delivery conversations; '' once erased
  body TEXT NOT NULL,
  masked BIGINT NOT NULL,
  sent_at_us BIGINT NOT NULL,
  erased_at_us BIGINT,
  PRIMARY KEY (conversation_id, seq)
);
CREATE INDEX chat_messages_sender ON chat_messages (sender_id);

-- The outbox on SQLite: one writer at a time, so ids are allocated in commit order and the
-- relay reads by id alone (txid stays 0). AUTOINCREMENT: ids are never reused after pruning.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  txid BIGINT NOT NULL DEFAULT 0,
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX outbox_position ON outbox (txid, id);

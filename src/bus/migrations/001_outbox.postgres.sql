-- The outbox on PostgreSQL: ids from a sequence are NOT in commit order, so each row records
-- its transaction id and the relay reads (txid, id) only below the oldest running transaction
-- (see docs/adr/0001-storage.md).
CREATE TABLE outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  txid BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
  event_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX outbox_position ON outbox (txid, id);

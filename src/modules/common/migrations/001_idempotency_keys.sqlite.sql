-- Idempotency keys (docs/idempotency.md): one row per caller and key, claimed before the
-- request runs (completed_at_us NULL while it is in flight), then holding its response for
-- replay until the retention has passed since created_at_us.
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  claim_id TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  claimed_at_us BIGINT NOT NULL,
  completed_at_us BIGINT,
  response_status INTEGER,
  response_content_type TEXT,
  response_headers TEXT,
  response_body BLOB,
  PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at_us);

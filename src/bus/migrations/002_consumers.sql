-- Per-consumer delivery position and lease, the consumers' inbox (handled event ids), and
-- events parked after too many failed deliveries.
CREATE TABLE bus_consumers (
  consumer TEXT PRIMARY KEY,
  position_txid BIGINT NOT NULL,
  position_id BIGINT NOT NULL,
  owner TEXT NOT NULL,
  lease_until_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);

CREATE TABLE bus_inbox (
  consumer TEXT NOT NULL,
  event_id TEXT NOT NULL,
  processed_at_us BIGINT NOT NULL,
  PRIMARY KEY (consumer, event_id)
);

CREATE TABLE bus_dead_letters (
  consumer TEXT NOT NULL,
  event_id TEXT NOT NULL,
  outbox_id BIGINT NOT NULL,
  txid BIGINT NOT NULL,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  attempts BIGINT NOT NULL,
  last_error TEXT NOT NULL,
  parked_at_us BIGINT NOT NULL,
  PRIMARY KEY (consumer, event_id)
);

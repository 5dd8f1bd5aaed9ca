-- The chain module: delivery milestones as canonical records (one per delivery and milestone),
-- the batches their Merkle roots are anchored in, every transaction sent for a batch, and the
-- anchor account's next nonce (docs/chain.md).
CREATE TABLE chain_batches (
  id BIGINT PRIMARY KEY,            -- the batch id written on chain, 1, 2, 3, ...
  root TEXT NOT NULL,               -- 0x-hex Merkle root
  record_count BIGINT NOT NULL,
  sealed_at_us BIGINT NOT NULL,
  -- sealed (waiting for its transaction), sent (a transaction in flight), confirmed, failed
  -- (reverted reverts_max times: an operator must look).
  state TEXT NOT NULL,
  nonce BIGINT,                     -- set once, before the first transaction is sent
  tx_hash TEXT,                     -- the mined transaction once confirmed, else the latest sent
  block_number BIGINT,
  gas_used BIGINT,
  effective_gas_price_wei BIGINT,
  confirmed_at_us BIGINT,
  attempts BIGINT NOT NULL DEFAULT 0,
  reverts BIGINT NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX chain_batches_state ON chain_batches (state, id);

CREATE TABLE chain_records (
  delivery_id TEXT NOT NULL,
  milestone TEXT NOT NULL,
  at_us BIGINT NOT NULL,
  record TEXT NOT NULL,             -- 0x-hex canonical encoding
  leaf TEXT NOT NULL,               -- 0x-hex keccak256(keccak256(record))
  seq BIGINT NOT NULL,              -- order of arrival: batches take records in this order
  recorded_at_us BIGINT NOT NULL,
  batch_id BIGINT REFERENCES chain_batches (id),
  position BIGINT,                  -- the leaf's index in its batch
  PRIMARY KEY (delivery_id, milestone)
);
CREATE UNIQUE INDEX chain_records_seq ON chain_records (seq);
CREATE INDEX chain_records_unbatched ON chain_records (batch_id, seq);

-- Every signed transaction of a batch: a replacement keeps the nonce and bumps the fees, and any
-- of them may be the one mined.
CREATE TABLE chain_transactions (
  tx_hash TEXT PRIMARY KEY,
  batch_id BIGINT NOT NULL REFERENCES chain_batches (id),
  nonce BIGINT NOT NULL,
  max_fee_per_gas_wei BIGINT NOT NULL,
  max_priority_fee_per_gas_wei BIGINT NOT NULL,
  raw TEXT NOT NULL,                -- the signed bytes, re-broadcast when the node lost them
  sent_at_us BIGINT NOT NULL
);
CREATE INDEX chain_transactions_batch ON chain_transactions (batch_id, sent_at_us);

CREATE TABLE chain_accounts (
  address TEXT PRIMARY KEY,
  next_nonce BIGINT NOT NULL
);

-- The stablecoin provider's own book (docs/payments.md, "Stablecoin payments"): one deposit
-- address per payment, the token transfers counted into deposits, how far the token's Transfer
-- logs were scanned, and the transfers the treasury sends back (refunds, returns).
CREATE TABLE payments_crypto_deposits (
  id TEXT PRIMARY KEY,               -- the provider's reference; its key is derived from it
  idempotency_key TEXT NOT NULL,
  address TEXT NOT NULL,             -- 0x-hex, lowercase
  currency TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  amount_units TEXT NOT NULL,        -- decimal: the token's smallest units
  received_units TEXT NOT NULL,      -- confirmed transfers in, every one
  captured_minor BIGINT NOT NULL,
  payer_address TEXT,                -- the first transfer's sender: refunds go there
  -- open (waiting for the amount), paid, captured, cancelled, expired
  status TEXT NOT NULL,
  announced BIGINT NOT NULL,         -- 1 once payments was told the deposit was paid or expired
  expires_at_us BIGINT NOT NULL,
  closed_at_us BIGINT,               -- cancelled, expired or captured
  created_at_us BIGINT NOT NULL
);
CREATE UNIQUE INDEX payments_crypto_deposits_key ON payments_crypto_deposits (idempotency_key);
CREATE UNIQUE INDEX payments_crypto_deposits_address ON payments_crypto_deposits (address);
CREATE INDEX payments_crypto_deposits_status ON payments_crypto_deposits (status, closed_at_us);

-- A Transfer log is counted once, whatever rescans happen.
CREATE TABLE payments_crypto_receipts (
  tx_hash TEXT NOT NULL,
  log_index BIGINT NOT NULL,
  deposit_id TEXT NOT NULL REFERENCES payments_crypto_deposits (id),
  from_address TEXT NOT NULL,
  units TEXT NOT NULL,
  block_number BIGINT NOT NULL,
  PRIMARY KEY (tx_hash, log_index)
);
CREATE INDEX payments_crypto_receipts_deposit ON payments_crypto_receipts (deposit_id);

-- The last block whose Transfer logs were counted, per token contract.
CREATE TABLE payments_crypto_scans (
  token TEXT PRIMARY KEY,
  last_block BIGINT NOT NULL
);

-- A token transfer from the treasury: queued (durable, not signed yet), sent (signed with its
-- nonce and broadcast; a replacement keeps the nonce), confirmed, or failed (reverted).
CREATE TABLE payments_crypto_payouts (
  id TEXT PRIMARY KEY,               -- the refund's key, return:<deposit>, late:<tx>:<log index>
  deposit_id TEXT NOT NULL REFERENCES payments_crypto_deposits (id),
  kind TEXT NOT NULL,                -- refund, return
  to_address TEXT NOT NULL,
  units TEXT NOT NULL,
  state TEXT NOT NULL,
  nonce BIGINT,
  tx_hash TEXT,                      -- the mined transaction once confirmed, else the latest
  block_number BIGINT,
  last_error TEXT,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX payments_crypto_payouts_state ON payments_crypto_payouts (state, created_at_us);
CREATE INDEX payments_crypto_payouts_deposit ON payments_crypto_payouts (deposit_id);

-- Every signed transaction of a payout, any of which may be the one mined.
CREATE TABLE payments_crypto_payout_transactions (
  tx_hash TEXT PRIMARY KEY,
  payout_id TEXT NOT NULL REFERENCES payments_crypto_payouts (id),
  max_fee_per_gas_wei BIGINT NOT NULL,
  max_priority_fee_per_gas_wei BIGINT NOT NULL,
  raw TEXT NOT NULL,
  sent_at_us BIGINT NOT NULL
);
CREATE INDEX payments_crypto_payout_transactions_payout
  ON payments_crypto_payout_transactions (payout_id, sent_at_us);

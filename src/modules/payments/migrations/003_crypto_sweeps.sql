-- Sweeping a closed deposit's token to the treasury (docs/payments.md, "Sweeping"): one row per
-- deposit, written before every transaction it signs, so a restarted server resumes where it
-- stopped and never sends twice. funding: gas to send (or top up) from the treasury;
-- funding_sent: that transfer signed and broadcast; sweeping: funded, the token transfer to sign;
-- sweep_sent: signed by the deposit's key and broadcast; then swept, skipped (below the
-- threshold) or failed (reverted). A deposit is planned again when it received more since.
CREATE TABLE payments_crypto_sweeps (
  deposit_id TEXT PRIMARY KEY REFERENCES payments_crypto_deposits (id),
  state TEXT NOT NULL,
  received_units TEXT NOT NULL,      -- the deposit's received_units when this sweep was planned
  units TEXT NOT NULL,               -- the token balance the sweep moves (read before signing)
  gas_limit BIGINT NOT NULL,         -- of the sweep's transfer (estimated), 0 until planned
  max_fee_per_gas_wei BIGINT NOT NULL,
  max_priority_fee_per_gas_wei BIGINT NOT NULL,
  funding_tx_hash TEXT,
  sweep_tx_hash TEXT,
  nonce BIGINT,                      -- of the transaction in flight (the treasury's or the deposit's)
  raw TEXT,                          -- its signed bytes, broadcast again when the node lost them
  last_error TEXT,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX payments_crypto_sweeps_state ON payments_crypto_sweeps (state, updated_at_us);

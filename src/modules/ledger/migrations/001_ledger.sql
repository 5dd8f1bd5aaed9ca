-- The ledger: accounts, balanced transactions and their entries (debit positive, credit
-- negative). A balance is the sum of an account's entries; no table stores one.
CREATE TABLE ledger_accounts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE UNIQUE INDEX ledger_accounts_identity ON ledger_accounts (kind, owner_id, currency);

CREATE TABLE ledger_transactions (
  id TEXT PRIMARY KEY,
  reference TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
-- A reference is posted once: a retried movement finds its first transaction here.
CREATE UNIQUE INDEX ledger_transactions_reference ON ledger_transactions (reference);

CREATE TABLE ledger_entries (
  id TEXT PRIMARY KEY,
  transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id),
  account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
  amount_minor BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX ledger_entries_account ON ledger_entries (account_id, id);
CREATE INDEX ledger_entries_transaction ON ledger_entries (transaction_id);

-- Payout runs: each payout moves a merchant's payable balance to payouts_in_transit.
CREATE TABLE ledger_payout_batches (
  id TEXT PRIMARY KEY,
  payouts_count BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE TABLE ledger_payouts (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES ledger_payout_batches (id),
  merchant_id TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  transaction_id TEXT NOT NULL REFERENCES ledger_transactions (id)
);
CREATE INDEX ledger_payouts_batch ON ledger_payouts (batch_id, id);

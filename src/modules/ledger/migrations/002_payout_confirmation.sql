-- Whether the bank received a batch's payouts: in_transit until an admin (or a bank adapter)
-- says paid or failed; a failed batch's amounts are owed to the merchants again.
ALTER TABLE ledger_payout_batches ADD COLUMN status TEXT NOT NULL DEFAULT 'in_transit';
ALTER TABLE ledger_payout_batches ADD COLUMN settled_at_us BIGINT;
ALTER TABLE ledger_payout_batches ADD COLUMN failure_reason TEXT NOT NULL DEFAULT '';

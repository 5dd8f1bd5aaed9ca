-- A version per subscription row, bumped by every write of its state (not of its card): a writer
-- that read an older version loses, so a renewal charging while the customer cancels can never
-- write over the cancellation.
ALTER TABLE subscriptions_subscriptions ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- Payment holds an order must release (it was rejected, cancelled or refunded, or could not be
-- written after authorizing), written with the change that decided it; a row leaves once the
-- provider released the hold. The retry job takes rows whose next attempt is due.
CREATE TABLE orders_hold_releases (
  intent_id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_us BIGINT NOT NULL,
  last_error TEXT NOT NULL
);
CREATE INDEX orders_hold_releases_due ON orders_hold_releases (next_attempt_us);

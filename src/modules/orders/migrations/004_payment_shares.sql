-- Orders that wait for their payment before entering the merchant's queue: a card's challenge,
-- or every participant's share of a split group order. A share row per payer, with the state of
-- its payment intent as orders last saw it.
ALTER TABLE orders_orders ADD COLUMN payment_mode TEXT NOT NULL DEFAULT 'single';
ALTER TABLE orders_orders ADD COLUMN payment_due_us BIGINT;
CREATE INDEX orders_orders_payment_due ON orders_orders (status, payment_due_us);

CREATE TABLE orders_payment_shares (
  order_id TEXT NOT NULL REFERENCES orders_orders (id),
  position INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  intent_id TEXT NOT NULL,
  status TEXT NOT NULL,
  challenge_url TEXT NOT NULL,
  decline_reason TEXT NOT NULL,
  PRIMARY KEY (order_id, position)
);
CREATE UNIQUE INDEX orders_payment_shares_payer ON orders_payment_shares (order_id, user_id);

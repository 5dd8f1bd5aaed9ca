-- Refunds of part or all of a delivered order's payment, by an admin or the merchant: one row per
-- payer's intent a refund takes from, written (pending) before payments is asked, so that
-- concurrent refunds never reserve more than was paid, and marked refunded once payments gave it
-- back. request_key is the Idempotency-Key of the request that asked for it.
CREATE TABLE orders_refunds (
  id TEXT NOT NULL,
  intent_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  user_id TEXT NOT NULL,
  request_key TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (id, intent_id)
);
CREATE INDEX orders_refunds_order ON orders_refunds (order_id, created_at_us);
CREATE UNIQUE INDEX orders_refunds_request ON orders_refunds (order_id, user_id, request_key, intent_id);

-- Payment intents (one per order and payer), their refunds, and the built-in test provider's
-- own book of charges (it stands in for an outside processor, so it keeps its state apart).
CREATE TABLE payments_intents (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL,
  payer_user_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  captured_minor BIGINT NOT NULL,
  refunded_minor BIGINT NOT NULL,
  -- How the capture was shared out; refunds give back in the same proportions.
  merchant_minor BIGINT NOT NULL,
  platform_minor BIGINT NOT NULL,
  tax_minor BIGINT NOT NULL,
  tip_minor BIGINT NOT NULL,
  decline_reason TEXT NOT NULL,
  challenge_url TEXT NOT NULL,
  provider TEXT NOT NULL,
  provider_ref TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  version BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE UNIQUE INDEX payments_intents_order_payer ON payments_intents (order_id, payer_user_id);
CREATE INDEX payments_intents_provider_ref ON payments_intents (provider_ref);

CREATE TABLE payments_refunds (
  id TEXT PRIMARY KEY,
  intent_id TEXT NOT NULL REFERENCES payments_intents (id),
  amount_minor BIGINT NOT NULL,
  reason TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
-- A refund is identified by its intent, amount and reason: a retry finds the first one.
CREATE UNIQUE INDEX payments_refunds_identity ON payments_refunds (intent_id, amount_minor, reason);

CREATE TABLE payments_test_charges (
  id TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  captured_minor BIGINT NOT NULL,
  refunded_minor BIGINT NOT NULL,
  decline_reason TEXT NOT NULL,
  challenge_code TEXT NOT NULL,
  challenge_failures BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE UNIQUE INDEX payments_test_charges_key ON payments_test_charges (idempotency_key);
CREATE TABLE payments_test_operations (
  idempotency_key TEXT PRIMARY KEY,
  charge_id TEXT NOT NULL REFERENCES payments_test_charges (id),
  kind TEXT NOT NULL,
  amount_minor BIGINT NOT NULL
);

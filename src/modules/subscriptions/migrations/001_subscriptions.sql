-- Subscriptions: the membership plans admins sell, each customer's subscription to one of them,
-- and one row per billed period (the unique key that keeps a renewal from billing twice).
CREATE TABLE subscriptions_plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  price_minor BIGINT NOT NULL CHECK (price_minor > 0),
  currency TEXT NOT NULL,
  -- Delivery is free when an order's items reach this amount (0: always).
  free_delivery_threshold_minor BIGINT NOT NULL CHECK (free_delivery_threshold_minor >= 0),
  -- The member's service fee rate, in basis points of the items.
  service_fee_bp BIGINT NOT NULL CHECK (service_fee_bp >= 0 AND service_fee_bp <= 10000),
  active BOOLEAN NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);

-- status: incomplete (its first period is being paid), active, past_due (a renewal failed and
-- is retried), ended. Period n runs from n calendar months after anchor_at_us to n + 1.
CREATE TABLE subscriptions_subscriptions (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  plan_id TEXT NOT NULL REFERENCES subscriptions_plans (id),
  status TEXT NOT NULL CHECK (status IN ('incomplete', 'active', 'past_due', 'ended')),
  -- What renewals charge: a provider's payment method id (a test card number on the test
  -- provider).
  payment_method TEXT NOT NULL,
  anchor_at_us BIGINT NOT NULL,
  period_number BIGINT NOT NULL,
  period_start_us BIGINT NOT NULL,
  period_end_us BIGINT NOT NULL,
  cancel_at_period_end BOOLEAN NOT NULL,
  -- Failed attempts at renewing the next period, and when the renewal job looks again.
  renewal_failures BIGINT NOT NULL,
  next_renewal_at_us BIGINT NOT NULL,
  ended_at_us BIGINT,
  ended_reason TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);

-- At most one subscription per customer that has not ended.
CREATE UNIQUE INDEX subscriptions_one_live ON subscriptions_subscriptions (customer_id)
  WHERE status <> 'ended';
CREATE INDEX subscriptions_due ON subscriptions_subscriptions (next_renewal_at_us)
  WHERE status IN ('active', 'past_due');
CREATE INDEX subscriptions_by_customer ON subscriptions_subscriptions (customer_id, created_at_us);

-- One row per (subscription, period): the amount fixed when the period was first billed, the
-- payment intent, and whether it was paid.
CREATE TABLE subscriptions_periods (
  subscription_id TEXT NOT NULL REFERENCES subscriptions_subscriptions (id),
  period_number BIGINT NOT NULL,
  starts_at_us BIGINT NOT NULL,
  ends_at_us BIGINT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  intent_id TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  paid_at_us BIGINT,
  PRIMARY KEY (subscription_id, period_number)
);

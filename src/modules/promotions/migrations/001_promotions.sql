-- Promotions: codes and automatic campaigns with their conditions and caps, the merchants a
-- platform campaign is limited to, each customer's uses, and each order's redemptions.
CREATE TABLE promotions_promotions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- Upper-cased; NULL for an automatic campaign.
  code TEXT,
  -- percentage, fixed_amount, free_delivery.
  kind TEXT NOT NULL,
  percent BIGINT NOT NULL DEFAULT 0,
  -- fixed_amount: the amount off; percentage: the largest discount (0: no limit).
  amount_minor BIGINT NOT NULL DEFAULT 0,
  currency TEXT NOT NULL,
  -- The merchant that runs and funds it; NULL: the platform's.
  merchant_id TEXT,
  first_order_only BIGINT NOT NULL DEFAULT 0,
  minimum_basket_minor BIGINT NOT NULL DEFAULT 0,
  starts_at_us BIGINT NOT NULL,
  ends_at_us BIGINT,
  per_user_limit BIGINT,
  budget_minor BIGINT,
  redemptions_max BIGINT,
  -- What reserved and funded redemptions took; given back when an order is called off.
  spent_minor BIGINT NOT NULL DEFAULT 0,
  redemptions BIGINT NOT NULL DEFAULT 0,
  -- active, paused, ended.
  status TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  CHECK (budget_minor IS NULL OR spent_minor <= budget_minor),
  CHECK (redemptions_max IS NULL OR redemptions <= redemptions_max)
);
-- A code names one promotion until it ends.
CREATE UNIQUE INDEX promotions_promotions_code ON promotions_promotions (code)
  WHERE code IS NOT NULL AND status <> 'ended';
CREATE INDEX promotions_promotions_merchant ON promotions_promotions (merchant_id, id);
CREATE INDEX promotions_promotions_automatic ON promotions_promotions (status, currency)
  WHERE code IS NULL;

-- A platform campaign limited to some merchants; none: every merchant.
CREATE TABLE promotions_merchants (
  promotion_id TEXT NOT NULL REFERENCES promotions_promotions (id),
  merchant_id TEXT NOT NULL,
  PRIMARY KEY (promotion_id, merchant_id)
);

-- Each customer's redemptions of a promotion, against its per-user limit.
CREATE TABLE promotions_uses (
  promotion_id TEXT NOT NULL REFERENCES promotions_promotions (id),
  user_id TEXT NOT NULL,
  uses BIGINT NOT NULL,
  PRIMARY KEY (promotion_id, user_id)
);

-- An order's discounts. reserved at placement, funded at delivery (platform-funded: paid to the
-- merchant from promotions expense), released when the order is called off, reversed when a
-- delivered order is refunded.
CREATE TABLE promotions_redemptions (
  order_id TEXT NOT NULL,
  promotion_id TEXT NOT NULL REFERENCES promotions_promotions (id),
  customer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  funder TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (order_id, promotion_id)
);
CREATE INDEX promotions_redemptions_promotion ON promotions_redemptions (promotion_id);

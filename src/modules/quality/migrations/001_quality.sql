-- Quality control: delivered orders (fed by orders.order.delivered), customers' problem reports
-- with their lines and resolutions, the refunds a resolution plans, and the daily counters the
-- merchants' and drivers' scores are summed from (fed by orders, deliveries and reviews events).
CREATE TABLE quality_orders (
  order_id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  delivered_at_us BIGINT NOT NULL,
  -- Set by the first missing-items or wrong-items report: the order counts as inaccurate once.
  inaccurate_at_us BIGINT,
  recorded_at_us BIGINT NOT NULL
);

CREATE TABLE quality_reports (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL REFERENCES quality_orders (order_id),
  customer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  -- open, refunding (a refund decided and being made), resolved.
  status TEXT NOT NULL,
  comment TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  decision TEXT,
  refund_minor BIGINT NOT NULL DEFAULT 0,
  currency TEXT NOT NULL,
  resolution_reason TEXT,
  resolved_by TEXT,
  resolved_at_us BIGINT
);
-- One unresolved report per order and kind.
CREATE UNIQUE INDEX quality_reports_unresolved ON quality_reports (order_id, kind)
  WHERE status <> 'resolved';
CREATE INDEX quality_reports_customer ON quality_reports (customer_id, id);
CREATE INDEX quality_reports_status ON quality_reports (status, id);

CREATE TABLE quality_report_lines (
  report_id TEXT NOT NULL REFERENCES quality_reports (id),
  item_id TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  PRIMARY KEY (report_id, item_id)
);

-- A refund decision split over the order's payment intents, written before payments is asked,
-- so that a retry makes the same refunds (payments deduplicates by intent, amount and reason).
CREATE TABLE quality_refunds (
  report_id TEXT NOT NULL REFERENCES quality_reports (id),
  intent_id TEXT NOT NULL,
  amount_minor BIGINT NOT NULL,
  PRIMARY KEY (report_id, intent_id)
);

-- Seen deliveries and offers: an event republished for the same one counts once.
CREATE TABLE quality_deliveries (
  delivery_id TEXT PRIMARY KEY,
  driver_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  on_time BOOLEAN NOT NULL,
  delivered_at_us BIGINT NOT NULL
);
CREATE TABLE quality_offers (
  offer_id TEXT PRIMARY KEY,
  driver_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  at_us BIGINT NOT NULL
);

-- Per subject ('merchant' or 'driver') and UTC day (days since 1970-01-01): a score sums the
-- days of its window, so each event changes one row and a score reads at most window_days rows.
CREATE TABLE quality_daily (
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  day BIGINT NOT NULL,
  orders_delivered BIGINT NOT NULL DEFAULT 0,
  orders_inaccurate BIGINT NOT NULL DEFAULT 0,
  deliveries BIGINT NOT NULL DEFAULT 0,
  deliveries_on_time BIGINT NOT NULL DEFAULT 0,
  offers BIGINT NOT NULL DEFAULT 0,
  offers_accepted BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (subject_kind, subject_id, day)
);
CREATE INDEX quality_daily_day ON quality_daily (subject_kind, day, subject_id);

-- Merchants' ratings as reviews.rating.updated last gave them (newer versions only).
CREATE TABLE quality_ratings (
  merchant_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  average_centi BIGINT NOT NULL,
  reviews_count BIGINT NOT NULL
);

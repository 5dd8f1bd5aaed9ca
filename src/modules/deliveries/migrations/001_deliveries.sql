-- Deliveries (one per accepted order of a platform-mode merchant), the offers made to couriers,
-- the path each courier drove while carrying one, and the ETA given against the time it took.
CREATE TABLE deliveries_deliveries (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL UNIQUE,
  customer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  merchant_name TEXT NOT NULL,
  driver_id TEXT NOT NULL,
  status TEXT NOT NULL,
  pickup_lat DOUBLE PRECISION NOT NULL,
  pickup_lng DOUBLE PRECISION NOT NULL,
  pickup_address TEXT NOT NULL,
  dropoff_lat DOUBLE PRECISION NOT NULL,
  dropoff_lng DOUBLE PRECISION NOT NULL,
  dropoff_address TEXT NOT NULL,
  instructions TEXT NOT NULL,
  leave_at_door BOOLEAN NOT NULL,
  cold_min_c DOUBLE PRECISION,
  cold_max_c DOUBLE PRECISION,
  age_restricted BOOLEAN NOT NULL,
  item_count INTEGER NOT NULL,
  currency TEXT NOT NULL,
  tip_minor BIGINT NOT NULL,
  ready_at_us BIGINT NOT NULL,
  due_by_us BIGINT NOT NULL,
  pickup_code TEXT NOT NULL,
  pin TEXT NOT NULL,
  reason TEXT NOT NULL,
  pickup_eta_us BIGINT,
  dropoff_eta_us BIGINT,
  predicted_dropoff_us BIGINT,
  distance_m DOUBLE PRECISION NOT NULL,
  earnings_minor BIGINT NOT NULL,
  version BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  assigned_at_us BIGINT,
  picked_up_at_us BIGINT,
  delivered_at_us BIGINT,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX deliveries_deliveries_status ON deliveries_deliveries (status, id);
CREATE INDEX deliveries_deliveries_driver ON deliveries_deliveries (driver_id, status, id);

CREATE TABLE deliveries_offers (
  id TEXT PRIMARY KEY,
  delivery_id TEXT NOT NULL REFERENCES deliveries_deliveries (id),
  driver_id TEXT NOT NULL,
  status TEXT NOT NULL,
  earnings_minor BIGINT NOT NULL,
  distance_m DOUBLE PRECISION NOT NULL,
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  resolved_at_us BIGINT
);
CREATE INDEX deliveries_offers_driver ON deliveries_offers (driver_id, status, id);
CREATE INDEX deliveries_offers_delivery ON deliveries_offers (delivery_id, status);
CREATE INDEX deliveries_offers_expiry ON deliveries_offers (status, expires_at_us);

CREATE TABLE deliveries_path (
  delivery_id TEXT NOT NULL REFERENCES deliveries_deliveries (id),
  at_us BIGINT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (delivery_id, at_us)
);

CREATE TABLE deliveries_eta_records (
  delivery_id TEXT PRIMARY KEY REFERENCES deliveries_deliveries (id),
  zone TEXT NOT NULL,
  hour INTEGER NOT NULL,
  predicted_s DOUBLE PRECISION NOT NULL,
  actual_s DOUBLE PRECISION NOT NULL,
  recorded_at_us BIGINT NOT NULL
);
CREATE INDEX deliveries_eta_records_recorded ON deliveries_eta_records (recorded_at_us);

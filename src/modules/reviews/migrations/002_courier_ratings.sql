-- The platform courier who delivered each order (fed by deliveries.delivery.delivered), and the
-- customer's rating of them, given once with the order's review.
CREATE TABLE reviews_couriers (
  order_id TEXT PRIMARY KEY,
  delivery_id TEXT NOT NULL,
  driver_id TEXT NOT NULL,
  delivered_at_us BIGINT NOT NULL,
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  -- The tags given, comma-separated (from the fixed list of reviews' events.h).
  tags TEXT,
  rated_at_us BIGINT
);
CREATE INDEX reviews_couriers_driver ON reviews_couriers (driver_id);

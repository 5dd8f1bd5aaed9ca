-- Couriers' ratings by customers (reviews.courier.rated): each delivery's rating counted once,
-- and summed per driver and day beside the other counters.
CREATE TABLE quality_courier_ratings (
  delivery_id TEXT PRIMARY KEY,
  driver_id TEXT NOT NULL,
  rating INTEGER NOT NULL,
  rated_at_us BIGINT NOT NULL
);
ALTER TABLE quality_daily ADD COLUMN ratings BIGINT NOT NULL DEFAULT 0;
ALTER TABLE quality_daily ADD COLUMN rating_sum BIGINT NOT NULL DEFAULT 0;

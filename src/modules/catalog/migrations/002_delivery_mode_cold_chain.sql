-- Who carries a merchant's orders (platform couriers or its own), and the temperature range a
-- cold-chain item must be kept in on the way (both ends set, or neither).
ALTER TABLE catalog_merchants ADD COLUMN delivery_mode TEXT NOT NULL DEFAULT 'platform';
ALTER TABLE catalog_items ADD COLUMN cold_min_c DOUBLE PRECISION;
ALTER TABLE catalog_items ADD COLUMN cold_max_c DOUBLE PRECISION;

-- Who carries an order (the merchant's delivery mode when it was placed; orders placed before
-- delivery operations were all merchant delivery), and how its items must be carried.
ALTER TABLE orders_orders ADD COLUMN delivery_mode TEXT NOT NULL DEFAULT 'merchant';
ALTER TABLE orders_orders ADD COLUMN age_restricted BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE orders_orders ADD COLUMN cold_min_c DOUBLE PRECISION;
ALTER TABLE orders_orders ADD COLUMN cold_max_c DOUBLE PRECISION;

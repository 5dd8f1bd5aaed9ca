-- The audit of an order's transitions: the state it left and the person who moved it (empty for
-- the system, and for entries written before this column).
ALTER TABLE orders_timeline ADD COLUMN from_status TEXT NOT NULL DEFAULT '';
ALTER TABLE orders_timeline ADD COLUMN actor_id TEXT NOT NULL DEFAULT '';

-- The ids of a line's options beside their names, so that an order can be ordered again; lines
-- written before keep an empty list (their options are known by name only).
ALTER TABLE orders_lines ADD COLUMN option_ids_json TEXT NOT NULL DEFAULT '[]';

-- Listings and searches run on an in-memory index built from these tables (docs/commerce.md,
-- "Discovery and search"): the engine's spatial and text indexes are no longer read.
DROP TABLE discovery_merchant_boxes;
DROP TABLE discovery_merchant_text;
DROP TABLE discovery_item_text;

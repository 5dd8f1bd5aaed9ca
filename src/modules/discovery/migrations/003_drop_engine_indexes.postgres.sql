-- Listings and searches run on an in-memory index built from these tables (docs/commerce.md,
-- "Discovery and search"): the engine's spatial and text indexes are no longer read.
ALTER TABLE discovery_merchants DROP COLUMN zone_box;
ALTER TABLE discovery_merchant_documents DROP COLUMN words_tsv;
ALTER TABLE discovery_items DROP COLUMN words_tsv;

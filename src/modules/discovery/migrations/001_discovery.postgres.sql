-- Discovery's read model on PostgreSQL: one row per merchant and per menu item as catalog's and
-- reviews' events describe them, a GiST index over the delivery zones' bounding boxes (the
-- built-in box type), GIN indexes over tsvectors of the folded words ('simple' configuration:
-- the words are already folded), and the vocabulary typo-tolerant search expands queries with.
CREATE TABLE discovery_merchants (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  merchant_id TEXT NOT NULL UNIQUE,
  version BIGINT NOT NULL,               -- of the last catalog.merchant.updated applied
  status TEXT NOT NULL,
  listed BOOLEAN NOT NULL,               -- status is active
  kitchen_id TEXT,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  cuisines TEXT NOT NULL,                -- ",pizza,italian,"
  price_level BIGINT NOT NULL,
  photo_url TEXT,
  lat DOUBLE PRECISION NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  zone_radius_m DOUBLE PRECISION,        -- radius zones; NULL for polygons
  time_zone TEXT NOT NULL,
  currency TEXT NOT NULL,
  prep_time_minutes BIGINT NOT NULL,
  minimum_order_minor BIGINT NOT NULL,
  paused_until_us BIGINT,
  rating_average DOUBLE PRECISION,        -- copied from discovery_ratings
  rating_count BIGINT NOT NULL DEFAULT 0,
  updated_at_us BIGINT NOT NULL,
  zone_box BOX                           -- (lng, lat) corners of the zone's bounding box
);
CREATE INDEX discovery_merchants_zone_box ON discovery_merchants USING gist (zone_box);

-- The merchant's large fields, apart so that listing scans read small rows.
CREATE TABLE discovery_merchant_documents (
  seq BIGINT PRIMARY KEY,                -- discovery_merchants.seq
  description TEXT,
  zone_json TEXT NOT NULL,               -- the API's zone document
  hours_json TEXT NOT NULL,              -- the API's opening-hours document
  menu_text TEXT NOT NULL,               -- item names and categories, for matching
  words TEXT NOT NULL,                   -- the distinct folded words indexed
  words_tsv TSVECTOR
);
CREATE INDEX discovery_merchant_documents_words ON discovery_merchant_documents
  USING gin (words_tsv);

CREATE TABLE discovery_items (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item_id TEXT NOT NULL UNIQUE,
  merchant_id TEXT NOT NULL,
  position BIGINT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  category TEXT NOT NULL,
  price_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  dietary TEXT NOT NULL,                 -- ",vegan,gluten_free,"
  sold_out BOOLEAN NOT NULL,
  photo_url TEXT,
  words TEXT NOT NULL,
  words_tsv TSVECTOR
);
CREATE INDEX discovery_items_merchant ON discovery_items (merchant_id);
CREATE INDEX discovery_items_words ON discovery_items USING gin (words_tsv);

-- The last catalog.menu.updated and reviews.rating.updated applied per merchant (a rating may
-- come before its merchant; discovery_merchants keeps a copy of it for sorting and filtering).
CREATE TABLE discovery_menus (
  merchant_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
CREATE TABLE discovery_ratings (
  merchant_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  average DOUBLE PRECISION NOT NULL,
  count BIGINT NOT NULL
);

-- Every indexed word with the number of documents holding it (rows at 0 are removed).
CREATE TABLE discovery_vocabulary (
  word TEXT PRIMARY KEY,
  documents BIGINT NOT NULL
);

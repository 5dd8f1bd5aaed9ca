-- Discovery's read model on SQLite: one row per merchant and per menu item as catalog's and
-- reviews' events describe them, an R*Tree over the delivery zones' bounding boxes, FTS5
-- indexes over the folded words, and the vocabulary typo-tolerant search expands queries with.
CREATE TABLE discovery_merchants (
  seq INTEGER PRIMARY KEY,               -- the spatial and text indexes' row key
  merchant_id TEXT NOT NULL UNIQUE,
  version INTEGER NOT NULL,              -- of the last catalog.merchant.updated applied
  status TEXT NOT NULL,
  listed INTEGER NOT NULL,               -- status is active
  kitchen_id TEXT,
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  cuisines TEXT NOT NULL,                -- ",pizza,italian,"
  price_level INTEGER NOT NULL,
  photo_url TEXT,
  lat REAL NOT NULL,
  lng REAL NOT NULL,
  zone_radius_m REAL,                    -- radius zones; NULL for polygons
  time_zone TEXT NOT NULL,
  currency TEXT NOT NULL,
  prep_time_minutes INTEGER NOT NULL,
  minimum_order_minor INTEGER NOT NULL,
  paused_until_us INTEGER,
  rating_average REAL,                    -- copied from discovery_ratings
  rating_count INTEGER NOT NULL DEFAULT 0,
  updated_at_us INTEGER NOT NULL
);

-- The merchant's large fields, apart so that listing scans read small rows.
CREATE TABLE discovery_merchant_documents (
  seq INTEGER PRIMARY KEY,               -- discovery_merchants.seq
  description TEXT,
  zone_json TEXT NOT NULL,               -- the API's zone document
  hours_json TEXT NOT NULL,              -- the API's opening-hours document
  menu_text TEXT NOT NULL,               -- item names and categories, for matching
  words TEXT NOT NULL                    -- the distinct folded words indexed
);
-- Listed merchants only, with what ranking a listing needs as auxiliary columns, so that a
-- plain listing never reads discovery_merchants for its candidates.
CREATE VIRTUAL TABLE discovery_merchant_boxes USING rtree (
  seq, lat_min, lat_max, lng_min, lng_max,
  +merchant_id, +lat, +lng, +zone_radius_m, +prep_time_minutes, +rating_average, +rating_count
);
CREATE VIRTUAL TABLE discovery_merchant_text USING fts5 (words, tokenize = 'ascii',
                                                         prefix = '2 3');

CREATE TABLE discovery_items (
  seq INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL UNIQUE,
  merchant_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  category TEXT NOT NULL,
  price_minor INTEGER NOT NULL,
  currency TEXT NOT NULL,
  dietary TEXT NOT NULL,                 -- ",vegan,gluten_free,"
  sold_out INTEGER NOT NULL,
  photo_url TEXT,
  words TEXT NOT NULL
);
CREATE INDEX discovery_items_merchant ON discovery_items (merchant_id);
CREATE VIRTUAL TABLE discovery_item_text USING fts5 (words, tokenize = 'ascii', prefix = '2 3');

-- The last catalog.menu.updated and reviews.rating.updated applied per merchant (a rating may
-- come before its merchant; discovery_merchants keeps a copy of it for sorting and filtering).
CREATE TABLE discovery_menus (
  merchant_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
CREATE TABLE discovery_ratings (
  merchant_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  average REAL NOT NULL,
  count INTEGER NOT NULL
);

-- Every indexed word with the number of documents holding it (rows at 0 are removed).
CREATE TABLE discovery_vocabulary (
  word TEXT PRIMARY KEY,
  documents INTEGER NOT NULL
);

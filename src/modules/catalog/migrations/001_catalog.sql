-- Merchants (kitchens and their virtual brands) and their menus. Nested documents that are
-- always read and written whole (address, cuisines, zone, hours, availability windows, tag
-- lists) are JSON text; everything searched, joined or updated on its own is a column.
CREATE TABLE catalog_merchants (
  id TEXT PRIMARY KEY,
  kitchen_id TEXT REFERENCES catalog_merchants (id),
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_folded TEXT NOT NULL,
  description TEXT,
  phone TEXT,
  address_json TEXT NOT NULL,
  lat DOUBLE PRECISION NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  time_zone TEXT NOT NULL,
  currency TEXT NOT NULL,
  cuisines_json TEXT NOT NULL,
  price_level INTEGER NOT NULL,
  photo_url TEXT,
  prep_time_minutes INTEGER NOT NULL,
  minimum_order_minor BIGINT NOT NULL,
  delivery_zone_json TEXT NOT NULL,
  opening_hours_json TEXT NOT NULL,
  paused_until_us BIGINT,
  pause_reason TEXT,
  status TEXT NOT NULL,
  -- One counter per merchant for the merchant and its menu: every change takes the next value.
  version BIGINT NOT NULL,
  menu_updated_at_us BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX catalog_merchants_kitchen ON catalog_merchants (kitchen_id);
CREATE INDEX catalog_merchants_status ON catalog_merchants (status, id);

CREATE TABLE catalog_categories (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES catalog_merchants (id),
  name TEXT NOT NULL,
  description TEXT,
  position INTEGER NOT NULL,
  availability_json TEXT NOT NULL
);
CREATE INDEX catalog_categories_merchant ON catalog_categories (merchant_id);

CREATE TABLE catalog_items (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES catalog_merchants (id),
  category_id TEXT NOT NULL REFERENCES catalog_categories (id),
  name TEXT NOT NULL,
  description TEXT,
  price_minor BIGINT NOT NULL,
  photo_urls_json TEXT NOT NULL,
  dietary_json TEXT NOT NULL,
  allergens_json TEXT NOT NULL,
  age_restricted BOOLEAN NOT NULL,
  calories INTEGER,
  position INTEGER NOT NULL,
  availability_json TEXT NOT NULL,
  stock_count BIGINT,
  sold_out BOOLEAN NOT NULL
);
CREATE INDEX catalog_items_merchant ON catalog_items (merchant_id);

CREATE TABLE catalog_modifier_groups (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES catalog_merchants (id),
  name TEXT NOT NULL,
  min_selections INTEGER NOT NULL,
  max_selections INTEGER NOT NULL,
  position INTEGER NOT NULL
);
CREATE INDEX catalog_modifier_groups_merchant ON catalog_modifier_groups (merchant_id);

CREATE TABLE catalog_modifier_options (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES catalog_merchants (id),
  group_id TEXT NOT NULL REFERENCES catalog_modifier_groups (id),
  name TEXT NOT NULL,
  price_delta_minor BIGINT NOT NULL,
  sold_out BOOLEAN NOT NULL,
  position INTEGER NOT NULL
);
CREATE INDEX catalog_modifier_options_merchant ON catalog_modifier_options (merchant_id);

-- Which groups an item offers, in the item's order.
CREATE TABLE catalog_item_modifier_groups (
  item_id TEXT NOT NULL REFERENCES catalog_items (id),
  group_id TEXT NOT NULL REFERENCES catalog_modifier_groups (id),
  merchant_id TEXT NOT NULL REFERENCES catalog_merchants (id),
  position INTEGER NOT NULL,
  PRIMARY KEY (item_id, group_id)
);
CREATE INDEX catalog_item_modifier_groups_merchant ON catalog_item_modifier_groups (merchant_id);

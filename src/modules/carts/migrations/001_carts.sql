-- Carts, their participants (the host is one) and their lines. A line keeps the name, options
-- and unit price it had when last written, so that an item that leaves the menu can still be
-- shown, and a price change can be told to the customer.
CREATE TABLE carts_carts (
  id TEXT PRIMARY KEY,
  host_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL,
  is_group BOOLEAN NOT NULL DEFAULT FALSE,
  invite_token_hash TEXT UNIQUE,
  version BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
-- One active cart per customer per merchant; the race between two creations ends here.
CREATE UNIQUE INDEX carts_carts_active_host_merchant ON carts_carts (host_id, merchant_id)
  WHERE status IN ('open', 'locked');
-- The idle-cart sweep walks active carts by age.
CREATE INDEX carts_carts_status_updated ON carts_carts (status, updated_at_us);

CREATE TABLE carts_participants (
  cart_id TEXT NOT NULL REFERENCES carts_carts (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  is_host BOOLEAN NOT NULL,
  joined_at_us BIGINT NOT NULL,
  PRIMARY KEY (cart_id, user_id)
);
CREATE INDEX carts_participants_user ON carts_participants (user_id);

CREATE TABLE carts_lines (
  id TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL REFERENCES carts_carts (id) ON DELETE CASCADE,
  participant_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity BIGINT NOT NULL,
  option_ids TEXT NOT NULL,
  options_json TEXT NOT NULL,
  note TEXT NOT NULL,
  unit_price_minor BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  FOREIGN KEY (cart_id, participant_id) REFERENCES carts_participants (cart_id, user_id)
    ON DELETE CASCADE
);
CREATE INDEX carts_lines_cart ON carts_lines (cart_id, created_at_us);

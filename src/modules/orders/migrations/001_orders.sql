-- Orders, their lines and timelines, and the quotes given before ordering. The price breakdown
-- and the delivery details are always read and written whole: JSON text.
CREATE TABLE orders_orders (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  merchant_name TEXT NOT NULL,
  cart_id TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  total_minor BIGINT NOT NULL,
  price_json TEXT NOT NULL,
  delivery_json TEXT NOT NULL,
  scheduled_for_us BIGINT,
  queue_at_us BIGINT NOT NULL,
  prep_time_minutes INTEGER,
  reason TEXT NOT NULL,
  payment_intent_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX orders_orders_customer ON orders_orders (customer_id, id);
CREATE INDEX orders_orders_merchant ON orders_orders (merchant_id, status, id);
CREATE INDEX orders_orders_status ON orders_orders (status, queue_at_us);

CREATE TABLE orders_lines (
  order_id TEXT NOT NULL REFERENCES orders_orders (id),
  position INTEGER NOT NULL,
  item_id TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  options_json TEXT NOT NULL,
  note TEXT NOT NULL,
  unit_price_minor BIGINT NOT NULL,
  total_minor BIGINT NOT NULL,
  PRIMARY KEY (order_id, position)
);

CREATE TABLE orders_timeline (
  order_id TEXT NOT NULL REFERENCES orders_orders (id),
  position INTEGER NOT NULL,
  status TEXT NOT NULL,
  at_us BIGINT NOT NULL,
  actor TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (order_id, position)
);

CREATE TABLE orders_quotes (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  cart_id TEXT NOT NULL,
  cart_version BIGINT NOT NULL,
  currency TEXT NOT NULL,
  price_json TEXT NOT NULL,
  expires_at_us BIGINT NOT NULL
);
CREATE INDEX orders_quotes_expiry ON orders_quotes (expires_at_us);

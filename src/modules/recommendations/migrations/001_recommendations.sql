-- Recommendations' counters, fed by orders.order.delivered (docs/recommendations.md). Scores
-- are millionths of an order, decayed by half-lives and stored with the time they were last
-- brought up to (scored_at_us); nothing here is read by scanning orders.
--   scope customer_item:     owner_id a customer, subject_id an item ("order again")
--   scope customer_merchant: owner_id a customer, subject_id a merchant ("order again")
--   scope cell_item:         owner_id a grid cell of merchants' locations, subject_id an item
--                            ("popular near you"; rows past the window are pruned on write)
CREATE TABLE recommendations_counts (
  scope TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  name TEXT NOT NULL,
  orders BIGINT NOT NULL,
  score BIGINT NOT NULL,
  scored_at_us BIGINT NOT NULL,
  last_ordered_at_us BIGINT NOT NULL,
  PRIMARY KEY (scope, owner_id, subject_id)
);

-- How many delivered orders of a merchant held both items ("often ordered together"); each pair
-- is kept in both directions, with the name the other item had when last ordered.
CREATE TABLE recommendations_pairs (
  merchant_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  other_item_id TEXT NOT NULL,
  other_name TEXT NOT NULL,
  orders BIGINT NOT NULL,
  last_ordered_at_us BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, item_id, other_item_id)
);

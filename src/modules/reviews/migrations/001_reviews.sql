-- Reviews: who may review which order (eligibility, fed by orders.order.delivered), the reviews
-- with their item ratings, and each merchant's rating aggregate, kept in step with every change.
CREATE TABLE reviews_eligibility (
  order_id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  delivered_at_us BIGINT NOT NULL,
  -- Set when the order is reviewed and kept after the review is deleted: one review per order.
  reviewed_at_us BIGINT,
  recorded_at_us BIGINT NOT NULL
);
CREATE INDEX reviews_eligibility_customer ON reviews_eligibility (customer_id, delivered_at_us);

CREATE TABLE reviews_reviews (
  id TEXT PRIMARY KEY,
  order_id TEXT NOT NULL UNIQUE,
  merchant_id TEXT NOT NULL,
  -- NULL once the author erased their account (the review stays, anonymised).
  customer_id TEXT,
  author_name TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX reviews_reviews_merchant ON reviews_reviews (merchant_id, id);
CREATE INDEX reviews_reviews_customer ON reviews_reviews (customer_id);

CREATE TABLE reviews_item_ratings (
  review_id TEXT NOT NULL REFERENCES reviews_reviews (id),
  item_id TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  PRIMARY KEY (review_id, item_id)
);

CREATE TABLE reviews_merchant_ratings (
  merchant_id TEXT PRIMARY KEY,
  version BIGINT NOT NULL,
  reviews_count BIGINT NOT NULL,
  rating_sum BIGINT NOT NULL,
  stars_1 BIGINT NOT NULL,
  stars_2 BIGINT NOT NULL,
  stars_3 BIGINT NOT NULL,
  stars_4 BIGINT NOT NULL,
  stars_5 BIGINT NOT NULL
);

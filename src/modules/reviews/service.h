// The review rules: who may review (a delivered order of their own, once, within the window),
// what a review holds, the per-merchant aggregate, deletion by the author or an admin, and the
// reactions to orders.order.delivered and identity.user.erased. No HTTP here.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "metrics.h"
#include "reskflow/bus/event.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/page.h"
#include "reskflow/reviews/reviews.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::reviews {

inline constexpr std::size_t comment_chars_max = 2000;
inline constexpr std::size_t item_ratings_max = 50;
inline constexpr std::size_t author_name_chars_max = 40;
inline constexpr std::string_view anonymous_author = "Customer";
inline constexpr std::string_view erased_author = "Former customer";
// Durable consumer names (the relay keeps a position per name: never rename them).
inline constexpr std::string_view consumer_deliveries = "reviews.deliveries";
inline constexpr std::string_view consumer_erasures = "reviews.erasures";
inline constexpr std::string_view consumer_couriers = "reviews.couriers";

struct ItemRating {
  std::string item_id;
  std::int64_t rating = 0;
};

// A customer's rating of the courier who brought the order: 1..5 and tags from
// events::courier_tags, each at most once.
struct CourierRating {
  std::int64_t rating = 0;
  std::vector<std::string> tags;
};

struct NewReview {
  std::string order_id;
  std::int64_t rating = 0;
  std::string comment;
  std::string author_name;  // as given; the service keeps the first name only
  std::vector<ItemRating> item_ratings;
  std::optional<CourierRating> courier;  // only for an order a platform courier delivered
};

struct Review {
  std::string id;
  std::string order_id;
  std::string merchant_id;
  std::optional<std::string> customer_id;  // nullopt once the author erased their account
  std::string author_name;
  std::int64_t rating = 0;
  std::string comment;
  std::int64_t created_at_us = 0;
  std::vector<ItemRating> item_ratings;
  std::optional<CourierRating> courier;  // set in the answer to its creation only
};

struct RatingSummary {
  std::int64_t version = 0;
  std::int64_t count = 0;
  std::int64_t rating_sum = 0;
  std::array<std::int64_t, 5> stars{};  // stars[0] counts 1-star reviews
  // Rounded to 2 decimals; 0 without reviews.
  double average() const;
};

struct ReviewPage {
  RatingSummary summary;
  std::vector<Review> reviews;
  std::optional<std::string> next_cursor;
};

struct Delivery {
  std::string order_id;
  std::string customer_id;
  std::string merchant_id;
  std::int64_t delivered_at_us = 0;
};

// The platform courier who delivered an order (deliveries.delivery.delivered).
struct CourierDelivery {
  std::string order_id;
  std::string delivery_id;
  std::string driver_id;
  std::int64_t delivered_at_us = 0;
};

struct ReviewableOrder {
  Delivery delivery;
  std::string merchant_name;  // empty when the catalog no longer has the merchant
  std::int64_t review_before_us = 0;
  bool courier_to_rate = false;  // a platform courier brought it
};

struct ReviewablePage {
  std::vector<ReviewableOrder> orders;
  std::optional<std::string> next_cursor;
};

using modules::PageRequest;

// Who deletes: the author (a customer) or an admin.
struct Caller {
  std::string user_id;
  bool admin = false;
};

// The first word of a display name, at most author_name_chars_max characters; "Customer" when
// nothing is left.
std::string first_name(std::string_view name);

// reviews.rating.updated for the merchant's rating as `summary` holds it, in `tx`.
Status publish_rating(store::Transaction& tx, std::string_view merchant_id,
                      const RatingSummary& summary);

class Service {
 public:
  Service(store::Database& database, catalog::Catalog& catalog, ReviewsSettings settings,
          ReviewsMetrics& metrics, modules::Clock clock = {});

  // not_found: the order is not the customer's delivered order from merchant_id;
  // conflict: it already has a review; validation_failed: the window has passed (no fields),
  // an item rated is not on the merchant's menu (fields "item_ratings[i].item_id"), or a
  // courier is rated on an order no platform courier delivered (field "courier"). The courier's
  // rating is stored and published (reviews.courier.rated) in the review's transaction.
  Result<Review> create(std::string_view customer_id, std::string_view merchant_id,
                        const NewReview& review);
  // Newest first. not_found when the catalog has no such active merchant; validation_failed
  // for a cursor that is not from this list.
  Result<ReviewPage> merchant_reviews(std::string_view merchant_id, const PageRequest& page);
  // Delivered orders of the customer without a review, still in the window, newest first.
  Result<ReviewablePage> reviewable_orders(std::string_view customer_id, const PageRequest& page);
  // not_found unless the caller wrote the review or is an admin.
  Status remove(const Caller& caller, std::string_view review_id);

  // Reviews::import_review: the operator's path, without an order or a window.
  Result<bool> import_review(const ImportedReview& review);

  // Event consumers (deduplicated by event id; a malformed payload is logged, counted, dropped).
  Status on_order_delivered(const bus::Envelope& event);
  Status on_user_erased(const bus::Envelope& event);
  Status on_delivery_delivered(const bus::Envelope& event);

  const ReviewsSettings& settings() const { return settings_; }

 private:
  Status check_items(std::string_view merchant_id, const std::vector<ItemRating>& items);
  Status check_eligible(std::string_view customer_id, std::string_view merchant_id,
                        std::string_view order_id);
  Status check_courier_tags(const CourierRating& courier) const;
  Status insert(store::Transaction& tx, const Review& review);
  std::int64_t window_us() const;

  store::Database& db_;
  catalog::Catalog& catalog_;
  ReviewsSettings settings_;
  ReviewsMetrics& metrics_;
  modules::Clock clock_;
};

}  // namespace reskflow::reviews

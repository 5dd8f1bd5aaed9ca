// SQL for the reviews module's own tables (reviews_*); every function runs inside the caller's
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reskflow/store/database.h"
#include "service.h"

namespace reskflow::reviews::repository {

struct Eligibility {
  Delivery delivery;
  std::optional<std::int64_t> reviewed_at_us;
};

Result<std::optional<Eligibility>> eligibility(store::Transaction& tx, std::string_view order_id);
// False when the order was already recorded (a second event for the same order).
Result<bool> insert_eligibility(store::Transaction& tx, const Delivery& delivery,
                                std::int64_t now_us);

// Inserts the review with its item ratings and marks its order as reviewed.
Status insert_review(store::Transaction& tx, const Review& review);
Result<std::optional<Review>> review(store::Transaction& tx, std::string_view review_id);
Status delete_review(store::Transaction& tx, std::string_view review_id);

// Adds (delta +1) or removes (delta -1) one rating from the merchant's aggregate and returns it
// with its version incremented.
Result<RatingSummary> change_rating(store::Transaction& tx, std::string_view merchant_id,
                                    std::int64_t rating, std::int64_t delta);
Result<RatingSummary> rating(store::Transaction& tx, std::string_view merchant_id);

// Reviews of the merchant older than `before_id` (all when empty), newest first, with their
// item ratings.
Result<std::vector<Review>> reviews_page(store::Transaction& tx, std::string_view merchant_id,
                                         std::string_view before_id, std::int64_t limit);

// Unreviewed deliveries of the customer at or after since_us and before the (delivered_at_us,
// order_id) position, newest first, each with whether a platform courier brought it.
struct DeliveryPosition {
  std::int64_t delivered_at_us = 0;
  std::string order_id;
};
Result<std::vector<std::pair<Delivery, bool>>> reviewable(
    store::Transaction& tx, std::string_view customer_id, std::int64_t since_us,
    const std::optional<DeliveryPosition>& before, std::int64_t limit);

// False when the order's courier was recorded already.
Result<bool> insert_courier(store::Transaction& tx, const CourierDelivery& courier);
Result<std::optional<CourierDelivery>> courier_of(store::Transaction& tx,
                                                  std::string_view order_id);
// Records the customer's rating of the order's courier (once: the order has one review).
Status rate_courier(store::Transaction& tx, std::string_view order_id, const CourierRating& rating,
                    std::int64_t rated_at_us);

// Anonymises the user's reviews, forgets their deliveries and, for a courier, the ratings
// given to them; returns the reviews changed.
Result<std::int64_t> anonymise(store::Transaction& tx, std::string_view user_id);

}  // namespace reskflow::reviews::repository

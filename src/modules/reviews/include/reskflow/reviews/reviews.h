// The reviews module's public interface: ratings and reviews of merchants and their items by
// customers with a delivered order, one review per order (docs/commerce.md "Reviews").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "reskflow/catalog/catalog.h"
#include "reskflow/core/errors.h"
#include "reskflow/modules/module.h"

namespace reskflow::reviews {

// Events reviews consumes:
//   orders.order.delivered  {"order_id","customer_id","merchant_id","delivered_at"}: the
//                           customer may review that order for the review window.
//   deliveries.delivery.delivered  the courier of a platform order, whom the customer may rate
//                           with the order's review.
//   identity.user.erased    {"user_id"}: that user's reviews become "Former customer".
inline constexpr std::string_view event_order_delivered = "orders.order.delivered";

// A review of an order delivered before ReskFlow took orders (an import, the demo city), by a
// customer of the platform.
struct ImportedReview {
  std::string order_id;  // the order's id where it was placed; one review per order
  std::string customer_id;
  std::string merchant_id;
  std::string author_name;  // as given; shown by its first word, like any review's
  std::int64_t rating = 0;  // 1..5
  std::string comment;      // at most 2,000 characters
  std::int64_t delivered_at_us = 0;
  std::int64_t reviewed_at_us = 0;  // at or after delivered_at_us, not in the future
};

// Thread-safe; blocking.
class Reviews {
 public:
  virtual ~Reviews() = default;

  // The operator's path (`reskflow seed`, imports): no caller checks and no review window, but
  // the review rules otherwise hold: the merchant exists, the rating and comment are in bounds,
  // one review per order, and the merchant's rating is updated and published
  // (reviews.rating.updated) in the same transaction. False when the order has this review
  // already (a second run changes nothing); validation_failed with field errors; not_found for
  // a merchant the catalog does not know; conflict when the order is another customer's or
  // merchant's.
  virtual Result<bool> import_review(const ImportedReview& review) = 0;
};

class ReviewsModule : public modules::Module {
 public:
  virtual Reviews& reviews() = 0;
};

// The public interfaces reviews needs.
struct Deps {
  catalog::Catalog& catalog;  // the merchants and items reviewed
};

// Fails when a RESKFLOW_REVIEWS_* setting is malformed or unknown.
Result<std::unique_ptr<ReviewsModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::reviews

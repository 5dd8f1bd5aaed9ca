// The operator's path for reviews made before ReskFlow took orders (`reskflow seed`, imports):
// no review window and no orders.order.delivered, but the other rules of a review, its
// aggregate and its event in one transaction.
#include "repository.h"
#include "reskflow/reviews/reviews.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::reviews {
namespace {

std::size_t utf8_chars(std::string_view text) {
  std::size_t n = 0;
  for (const char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

Status check_imported(const ImportedReview& in, std::int64_t now_us) {
  std::vector<FieldError> errors;
  if (in.order_id.empty() || in.order_id.size() > 100)
    errors.push_back({"order_id", "must have 1 to 100 characters"});
  if (in.customer_id.empty()) errors.push_back({"customer_id", "is required"});
  if (in.rating < 1 || in.rating > 5) errors.push_back({"rating", "must be from 1 to 5"});
  if (utf8_chars(in.comment) > comment_chars_max)
    errors.push_back(
        {"comment", "must have at most " + std::to_string(comment_chars_max) + " characters"});
  if (in.reviewed_at_us < in.delivered_at_us || in.reviewed_at_us > now_us)
    errors.push_back({"reviewed_at", "must be between the delivery and now"});
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "the review is not valid", std::move(errors));
}

}  // namespace

Result<bool> Service::import_review(const ImportedReview& in) {
  RF_TRY(valid, check_imported(in, clock_()));
  RF_TRY(merchant, catalog_.merchant(in.merchant_id));
  const Delivery delivery{in.order_id, in.customer_id, in.merchant_id, in.delivered_at_us};
  const Review review{store::new_uuid_v7(),
                      in.order_id,
                      in.merchant_id,
                      in.customer_id,
                      first_name(in.author_name),
                      in.rating,
                      in.comment,
                      in.reviewed_at_us,
                      {}};
  bool created = false;
  auto done = db_.write([&](store::Transaction& tx) -> Status {
    created = false;
    RF_TRY(found, repository::eligibility(tx, in.order_id));
    if (*found && ((*found)->delivery.customer_id != in.customer_id ||
                   (*found)->delivery.merchant_id != in.merchant_id))
      return fail(ErrorCode::conflict, "order " + in.order_id +
                                           " is another customer's or "
                                           "another merchant's");
    if (*found && (*found)->reviewed_at_us) return {};
    if (!*found) {
      RF_TRY(recorded, repository::insert_eligibility(tx, delivery, clock_()));
    }
    RF_TRY(inserted, repository::insert_review(tx, review));
    RF_TRY(summary, repository::change_rating(tx, in.merchant_id, review.rating, 1));
    created = true;
    return publish_rating(tx, in.merchant_id, *summary);
  });
  if (!done) return std::unexpected(done.error());
  if (created) metrics_.reviews_created.inc();
  return created;
}

}  // namespace reskflow::reviews

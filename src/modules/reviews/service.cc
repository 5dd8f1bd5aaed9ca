// The review rules on top of the repository: eligibility, the window, one review per order,
// aggregates published in the transaction of each change, and the event consumers.
#include "service.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "consumed.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/utc_time.h"
#include "reskflow/reviews/events.h"
#include "reskflow/reviews/reviews.h"
#include "reskflow/store/uuid.h"

namespace reskflow::reviews {
namespace {

constexpr std::int64_t day_us = 86'400'000'000;

}  // namespace

Status publish_rating(store::Transaction& tx, std::string_view merchant_id,
                      const RatingSummary& s) {
  const events::RatingUpdated payload{std::string(merchant_id), s.version, s.average(), s.count};
  RF_TRY(id, bus::publish(tx, {std::string(events::rating_updated), std::string(merchant_id),
                               modules::payload::to_payload(payload)}));
  return {};
}

std::string first_name(std::string_view name) {
  const auto begin = name.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return std::string(anonymous_author);
  name.remove_prefix(begin);
  name = name.substr(0, name.find_first_of(" \t\r\n"));
  // Cut at a character boundary: never inside a UTF-8 sequence.
  std::size_t chars = 0, end = 0;
  for (; end < name.size(); ++end) {
    const bool starts_char = (static_cast<unsigned char>(name[end]) & 0xC0) != 0x80;
    if (starts_char && ++chars > author_name_chars_max) break;
  }
  return std::string(name.substr(0, end));
}

double RatingSummary::average() const {
  if (count <= 0) return 0;
  return std::round(static_cast<double>(rating_sum) * 100.0 / static_cast<double>(count)) / 100.0;
}

Service::Service(store::Database& database, catalog::Catalog& catalog, ReviewsSettings settings,
                 ReviewsMetrics& metrics, modules::Clock clock)
    : db_(database),
      catalog_(catalog),
      settings_(settings),
      metrics_(metrics),
      clock_(clock ? std::move(clock) : modules::system_clock()) {}

std::int64_t Service::window_us() const { return settings_.window_days * day_us; }

Status Service::check_eligible(std::string_view customer_id, std::string_view merchant_id,
                               std::string_view order_id) {
  return db_.read([&](store::Transaction& tx) -> Status {
    RF_TRY(found, repository::eligibility(tx, order_id));
    // Someone else's order, another merchant's, or one not delivered: the same 404.
    if (!*found || (*found)->delivery.customer_id != customer_id ||
        (*found)->delivery.merchant_id != merchant_id)
      return fail(ErrorCode::not_found, "no delivered order of yours from this merchant");
    if ((*found)->reviewed_at_us) return fail(ErrorCode::conflict, "this order has a review");
    if ((*found)->delivery.delivered_at_us + window_us() < clock_())
      return fail(ErrorCode::validation_failed,
                  "orders can be reviewed for " + std::to_string(settings_.window_days) +
                      " days after delivery; this one was delivered on " +
                      modules::iso_utc((*found)->delivery.delivered_at_us).substr(0, 10));
    return {};
  });
}

Status Service::check_courier_tags(const CourierRating& courier) const {
  std::vector<FieldError> errors;
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < courier.tags.size(); ++i) {
    const auto field = "courier.tags[" + std::to_string(i) + "]";
    if (std::ranges::find(events::courier_tags, courier.tags[i]) == events::courier_tags.end())
      errors.push_back({field, "is not one of the courier tags"});
    else if (!seen.insert(courier.tags[i]).second)
      errors.push_back({field, "is given twice"});
  }
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "some courier tags are not valid", std::move(errors));
  return {};
}

Status Service::check_items(std::string_view merchant_id, const std::vector<ItemRating>& items) {
  std::vector<FieldError> errors;
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto field = "item_ratings[" + std::to_string(i) + "].item_id";
    if (!seen.insert(items[i].item_id).second) {
      errors.push_back({field, "is rated twice"});
      continue;
    }
    // Pricing one unit tells whether the item is on the menu; sold out or outside its hours
    // (validation_failed) still means it exists.
    auto priced = catalog_.price_line(merchant_id, {items[i].item_id, 1, {}}, clock_());
    if (priced || priced.error().code == ErrorCode::validation_failed) continue;
    if (priced.error().code != ErrorCode::not_found) return std::unexpected(priced.error());
    errors.push_back({field, "is not on this merchant's menu"});
  }
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "some rated items are not valid", std::move(errors));
  return {};
}

Result<Review> Service::create(std::string_view customer_id, std::string_view merchant_id,
                               const NewReview& in) {
  RF_TRY(eligible, check_eligible(customer_id, merchant_id, in.order_id));
  if (in.courier) {
    RF_TRY(tags, check_courier_tags(*in.courier));
  }
  RF_TRY(items, check_items(merchant_id, in.item_ratings));
  Review review{store::new_uuid_v7(),
                in.order_id,
                std::string(merchant_id),
                std::string(customer_id),
                first_name(in.author_name),
                in.rating,
                in.comment,
                clock_(),
                in.item_ratings,
                in.courier};
  auto done = db_.write([&](store::Transaction& tx) { return insert(tx, review); });
  if (!done) return std::unexpected(done.error());
  metrics_.reviews_created.inc();
  if (review.courier) metrics_.couriers_rated.inc();
  return review;
}

// The review, and its courier's rating when given, in `tx` with their events.
Status Service::insert(store::Transaction& tx, const Review& review) {
  // Checked again in the writing transaction: a concurrent review of the same order loses.
  RF_TRY(found, repository::eligibility(tx, review.order_id));
  if (!*found || (*found)->reviewed_at_us)
    return fail(ErrorCode::conflict, "this order has a review");
  if (review.courier) {
    RF_TRY(courier, repository::courier_of(tx, review.order_id));
    if (!*courier)
      return fail(ErrorCode::validation_failed,
                  "the restaurant delivered this order itself: there is no courier to rate",
                  {{"courier", "this order had no platform courier"}});
    RF_TRY(rated,
           repository::rate_courier(tx, review.order_id, *review.courier, review.created_at_us));
    const events::CourierRated event{(*courier)->delivery_id, review.order_id,
                                     (*courier)->driver_id,   review.courier->rating,
                                     review.courier->tags,    review.created_at_us};
    RF_TRY(published, bus::publish(tx, {std::string(events::courier_rated), (*courier)->driver_id,
                                        modules::payload::to_payload(event)}));
  }
  RF_TRY(inserted, repository::insert_review(tx, review));
  RF_TRY(summary, repository::change_rating(tx, review.merchant_id, review.rating, 1));
  return publish_rating(tx, review.merchant_id, *summary);
}

Status Service::remove(const Caller& caller, std::string_view review_id) {
  auto done = db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(found, repository::review(tx, review_id));
    if (!*found || (!caller.admin && (*found)->customer_id != caller.user_id))
      return fail(ErrorCode::not_found, "no such review of yours");
    RF_TRY(deleted, repository::delete_review(tx, review_id));
    RF_TRY(summary, repository::change_rating(tx, (*found)->merchant_id, (*found)->rating, -1));
    return publish_rating(tx, (*found)->merchant_id, *summary);
  });
  if (done)
    (caller.admin ? metrics_.reviews_deleted_by_admin : metrics_.reviews_deleted_by_author).inc();
  return done;
}

Status Service::on_order_delivered(const bus::Envelope& event) {
  const auto delivery = read_order_delivered(event.payload_json);
  if (!delivery) {
    metrics_.events_rejected.inc();
    log::error("reviews_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  bool recorded = false;
  auto done =
      bus::handle_once(db_, consumer_deliveries, event, [&](store::Transaction& tx) -> Status {
        RF_TRY(inserted, repository::insert_eligibility(tx, *delivery, clock_()));
        recorded = *inserted;
        return {};
      });
  if (done && recorded) metrics_.deliveries_recorded.inc();
  return done;
}

Status Service::on_delivery_delivered(const bus::Envelope& event) {
  const auto courier = read_delivery_delivered(event.payload_json);
  if (!courier) {
    metrics_.events_rejected.inc();
    log::error("reviews_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  return bus::handle_once(db_, consumer_couriers, event, [&](store::Transaction& tx) -> Status {
    RF_TRY(inserted, repository::insert_courier(tx, *courier));
    return {};
  });
}

Status Service::on_user_erased(const bus::Envelope& event) {
  const auto user_id = read_user_erased(event.payload_json);
  if (!user_id) {
    metrics_.events_rejected.inc();
    log::error("reviews_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
    return {};
  }
  bool applied = false;
  auto done =
      bus::handle_once(db_, consumer_erasures, event, [&](store::Transaction& tx) -> Status {
        RF_TRY(changed, repository::anonymise(tx, *user_id));
        applied = true;
        return {};
      });
  if (done && applied) metrics_.authors_anonymised.inc();
  return done;
}

}  // namespace reskflow::reviews

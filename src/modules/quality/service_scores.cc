// Quality scores: the consumers that count delivered orders, deliveries, offers and ratings
// into per-day counters (each event once), and the scores summed over the window from them.
#include <cmath>

#include "consumed.h"
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "service.h"

namespace reskflow::quality {
namespace {

std::optional<double> rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return std::round(static_cast<double>(part) * 1000.0 / static_cast<double>(whole)) / 1000.0;
}

MerchantScore merchant_of(std::string merchant_id, std::int64_t window_days,
                          const repository::Counters& c,
                          const std::optional<repository::Rating>& rating) {
  MerchantScore out;
  out.merchant_id = std::move(merchant_id);
  out.window_days = window_days;
  out.delivered_orders = c.orders_delivered;
  out.accurate_orders = std::max<std::int64_t>(0, c.orders_delivered - c.orders_inaccurate);
  out.accuracy = rate(out.accurate_orders, c.orders_delivered);
  out.deliveries = c.deliveries;
  out.on_time_deliveries = c.deliveries_on_time;
  out.on_time_rate = rate(c.deliveries_on_time, c.deliveries);
  if (rating && rating->count > 0) {
    out.rating = static_cast<double>(rating->average_centi) / 100.0;
    out.rating_count = rating->count;
  }
  return out;
}

DriverScore driver_of(std::string driver_id, std::int64_t window_days,
                      const repository::Counters& c) {
  DriverScore out;
  out.driver_id = std::move(driver_id);
  out.window_days = window_days;
  out.deliveries = c.deliveries;
  out.on_time_deliveries = c.deliveries_on_time;
  out.on_time_rate = rate(c.deliveries_on_time, c.deliveries);
  out.offers = c.offers;
  out.accepted_offers = c.offers_accepted;
  out.acceptance_rate = rate(c.offers_accepted, c.offers);
  out.rating_count = c.ratings;
  if (c.ratings > 0)
    out.rating =
        std::round(static_cast<double>(c.rating_sum) * 100.0 / static_cast<double>(c.ratings)) /
        100.0;
  return out;
}

// Subject ids are opaque to quality (the publishers' ids): a cursor is the last id shown.
constexpr std::size_t subject_cursor_chars_max = 100;

}  // namespace

std::int64_t Service::first_day() const {
  return day_of(clock_()) - settings_.score_window_days + 1;
}

Result<DriverScore> Service::driver_score(std::string_view driver_id) {
  RF_TRY(c, db_.read([&](store::Transaction& tx) {
    return repository::counters(tx, repository::subject_driver, driver_id, first_day());
  }));
  return driver_of(std::string(driver_id), settings_.score_window_days, *c);
}

Result<std::vector<DriverScore>> Service::scores_of_drivers(
    std::span<const std::string> driver_ids) {
  RF_TRY(found, db_.read([&](store::Transaction& tx) {
    return repository::counters_of_subjects(tx, repository::subject_driver, driver_ids,
                                            first_day());
  }));
  std::vector<DriverScore> out;
  out.reserve(driver_ids.size());
  for (const auto& id : driver_ids) {
    const auto it = found->find(id);
    out.push_back(driver_of(id, settings_.score_window_days,
                            it == found->end() ? repository::Counters{} : it->second));
  }
  return out;
}

Result<MerchantScore> Service::merchant_score(std::string_view merchant_id) {
  return db_.read([&](store::Transaction& tx) -> Result<MerchantScore> {
    RF_TRY(c, repository::counters(tx, repository::subject_merchant, merchant_id, first_day()));
    RF_TRY(rating, repository::rating(tx, merchant_id));
    return merchant_of(std::string(merchant_id), settings_.score_window_days, *c, *rating);
  });
}

Result<ScorePage<MerchantScore>> Service::merchant_scores(const PageRequest& page) {
  const auto after = page.cursor.value_or("");
  if (after.size() > subject_cursor_chars_max)
    return fail(ErrorCode::validation_failed, "the cursor is not from this list",
                {{"cursor", "is not a cursor from this list"}});
  return db_.read([&](store::Transaction& tx) -> Result<ScorePage<MerchantScore>> {
    RF_TRY(rows, repository::counters_page(tx, repository::subject_merchant, first_day(), after,
                                           page.limit + 1));
    ScorePage<MerchantScore> out;
    for (auto& [id, c] : *rows) {
      if (out.scores.size() == static_cast<std::size_t>(page.limit)) {
        out.next_cursor = out.scores.back().merchant_id;
        break;
      }
      RF_TRY(rating, repository::rating(tx, id));
      out.scores.push_back(merchant_of(std::move(id), settings_.score_window_days, c, *rating));
    }
    return out;
  });
}

Result<ScorePage<DriverScore>> Service::driver_scores(const PageRequest& page) {
  const auto after = page.cursor.value_or("");
  if (after.size() > subject_cursor_chars_max)
    return fail(ErrorCode::validation_failed, "the cursor is not from this list",
                {{"cursor", "is not a cursor from this list"}});
  RF_TRY(rows, db_.read([&](store::Transaction& tx) {
    return repository::counters_page(tx, repository::subject_driver, first_day(), after,
                                     page.limit + 1);
  }));
  ScorePage<DriverScore> out;
  for (auto& [id, c] : *rows) {
    if (out.scores.size() == static_cast<std::size_t>(page.limit)) {
      out.next_cursor = out.scores.back().driver_id;
      break;
    }
    out.scores.push_back(driver_of(std::move(id), settings_.score_window_days, c));
  }
  return out;
}

Status Service::rejected(const bus::Envelope& event) {
  metrics_.events_rejected.inc();
  log::error("quality_event_rejected", {{"event_id", event.event_id}, {"type", event.type}});
  return {};
}

Status Service::on_order_delivered(const bus::Envelope& event) {
  const auto order = read_order_delivered(event.payload_json);
  if (!order) return rejected(event);
  bool counted = false;
  auto done = bus::handle_once(db_, consumer_orders, event, [&](store::Transaction& tx) -> Status {
    RF_TRY(inserted, repository::insert_order(tx, *order, clock_()));
    counted = *inserted;
    if (!counted) return {};
    repository::Counters delta;
    delta.orders_delivered = 1;
    return repository::add_counters(tx, repository::subject_merchant, order->merchant_id,
                                    day_of(order->delivered_at_us), delta);
  });
  if (done && counted) metrics_.events_counted.inc();
  return done;
}

Status Service::on_delivery_delivered(const bus::Envelope& event) {
  const auto d = read_delivery_delivered(event.payload_json);
  if (!d) return rejected(event);
  bool counted = false;
  auto done =
      bus::handle_once(db_, consumer_deliveries, event, [&](store::Transaction& tx) -> Status {
        RF_TRY(inserted, repository::insert_delivery(tx, d->delivery_id, d->driver_id,
                                                     d->merchant_id, d->on_time, d->at_us));
        counted = *inserted;
        if (!counted) return {};
        repository::Counters delta;
        delta.deliveries = 1;
        delta.deliveries_on_time = d->on_time ? 1 : 0;
        RF_TRY(driver, repository::add_counters(tx, repository::subject_driver, d->driver_id,
                                                day_of(d->at_us), delta));
        return repository::add_counters(tx, repository::subject_merchant, d->merchant_id,
                                        day_of(d->at_us), delta);
      });
  if (done && counted) metrics_.events_counted.inc();
  return done;
}

Status Service::on_offer_resolved(const bus::Envelope& event) {
  const auto offer = read_offer_resolved(event.type, event.payload_json);
  if (!offer) return rejected(event);
  bool counted = false;
  auto done = bus::handle_once(db_, consumer_offers, event, [&](store::Transaction& tx) -> Status {
    RF_TRY(inserted, repository::insert_offer(tx, offer->offer_id, offer->driver_id, offer->outcome,
                                              offer->at_us));
    counted = *inserted;
    if (!counted) return {};
    repository::Counters delta;
    delta.offers = 1;
    delta.offers_accepted = offer->outcome == "accepted" ? 1 : 0;
    return repository::add_counters(tx, repository::subject_driver, offer->driver_id,
                                    day_of(offer->at_us), delta);
  });
  if (done && counted) metrics_.events_counted.inc();
  return done;
}

Status Service::on_rating_updated(const bus::Envelope& event) {
  const auto r = read_rating_updated(event.payload_json);
  if (!r) return rejected(event);
  return bus::handle_once(db_, consumer_ratings, event, [&](store::Transaction& tx) -> Status {
    const repository::Rating rating{std::llround(r->average * 100.0), r->count};
    return repository::put_rating(tx, r->merchant_id, r->version, rating);
  });
}

Status Service::on_courier_rated(const bus::Envelope& event) {
  const auto r = read_courier_rated(event.payload_json);
  if (!r) return rejected(event);
  bool counted = false;
  auto done =
      bus::handle_once(db_, consumer_courier_ratings, event, [&](store::Transaction& tx) -> Status {
        RF_TRY(inserted, repository::insert_courier_rating(tx, r->delivery_id, r->driver_id,
                                                           r->rating, r->rated_at_us));
        counted = *inserted;
        if (!counted) return {};
        repository::Counters delta;
        delta.ratings = 1;
        delta.rating_sum = r->rating;
        return repository::add_counters(tx, repository::subject_driver, r->driver_id,
                                        day_of(r->rated_at_us), delta);
      });
  if (done && counted) metrics_.events_counted.inc();
  return done;
}

}  // namespace reskflow::quality

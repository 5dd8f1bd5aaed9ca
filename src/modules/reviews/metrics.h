// Every metric the reviews module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::reviews {

struct ReviewsMetrics {
  explicit ReviewsMetrics(metrics::Registry& r)
      : reviews_created(r.counter("reviews_created_total", "Reviews posted")),
        reviews_deleted_by_author(
            r.counter("reviews_deleted_total", "Reviews deleted", {{"by", "author"}})),
        reviews_deleted_by_admin(
            r.counter("reviews_deleted_total", "Reviews deleted", {{"by", "admin"}})),
        couriers_rated(
            r.counter("reviews_couriers_rated_total", "Couriers rated with an order's review")),
        deliveries_recorded(r.counter("reviews_deliveries_recorded_total",
                                      "Delivered orders recorded as reviewable")),
        events_rejected(r.counter("reviews_events_rejected_total",
                                  "Consumed events dropped for a malformed payload (logged)")),
        authors_anonymised(r.counter("reviews_authors_anonymised_total",
                                     "Erased users whose reviews were anonymised")) {}

  metrics::Counter& reviews_created;
  metrics::Counter& reviews_deleted_by_author;
  metrics::Counter& reviews_deleted_by_admin;
  metrics::Counter& couriers_rated;
  metrics::Counter& deliveries_recorded;
  metrics::Counter& events_rejected;
  metrics::Counter& authors_anonymised;
};

}  // namespace reskflow::reviews

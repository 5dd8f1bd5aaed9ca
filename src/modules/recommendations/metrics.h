// Every metric the recommendations module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::recommendations {

struct RecommendationsMetrics {
  explicit RecommendationsMetrics(metrics::Registry& r)
      : orders_counted(r.counter("recommendations_orders_counted_total",
                                 "Delivered orders counted into the recommendations")),
        events_rejected(r.counter("recommendations_events_rejected_total",
                                  "Consumed events dropped for a malformed payload (logged)")),
        customers_erased(r.counter("recommendations_customers_erased_total",
                                   "Customers whose order history was erased")),
        candidates_unavailable(
            r.counter("recommendations_candidates_unavailable_total",
                      "Candidates left out of an answer: merchant closed or item not orderable")) {}

  metrics::Counter& orders_counted;
  metrics::Counter& events_rejected;
  metrics::Counter& customers_erased;
  metrics::Counter& candidates_unavailable;
};

}  // namespace reskflow::recommendations

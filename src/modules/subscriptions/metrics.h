// Every metric the subscriptions module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::subscriptions {

struct SubscriptionsMetrics {
  explicit SubscriptionsMetrics(metrics::Registry& r)
      : started(
            r.counter("subscriptions_started_total", "Subscriptions whose first period was paid")),
        renewed(r.counter("subscriptions_renewed_total", "Periods renewed and paid")),
        renewals_declined(r.counter("subscriptions_renewals_declined_total",
                                    "Renewals the card or the processor declined (retried, then "
                                    "the subscription ends)")),
        renewal_errors(r.counter("subscriptions_renewal_errors_total",
                                 "Renewals that could not reach the processor or the database "
                                 "(tried again on the next run; logged)")),
        ended(r.counter("subscriptions_ended_total", "Subscriptions ended")),
        charges_refunded(r.counter("subscriptions_charges_refunded_total",
                                   "Months charged while their subscription ended (an erasure, "
                                   "a cancellation) and refunded")),
        events_rejected(
            r.counter("subscriptions_events_rejected_total",
                      "Consumed events with a malformed payload (logged, passed over)")) {}

  metrics::Counter& started;
  metrics::Counter& renewed;
  metrics::Counter& renewals_declined;
  metrics::Counter& renewal_errors;
  metrics::Counter& ended;
  metrics::Counter& charges_refunded;
  metrics::Counter& events_rejected;
};

}  // namespace reskflow::subscriptions

// Every metric the deliveries module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::deliveries {

struct DeliveriesMetrics {
  explicit DeliveriesMetrics(metrics::Registry& r)
      : created(r.counter("deliveries_created_total", "Deliveries created for accepted orders")),
        transitions(r.counter("deliveries_transitions_total", "Delivery state changes")),
        offers_made(r.counter("deliveries_offers_total", "Offers made to couriers")),
        offers_accepted(r.counter("deliveries_offers_resolved_total", "Offers resolved",
                                  {{"outcome", "accepted"}})),
        offers_declined(r.counter("deliveries_offers_resolved_total", "Offers resolved",
                                  {{"outcome", "declined"}})),
        offers_expired(r.counter("deliveries_offers_resolved_total", "Offers resolved",
                                 {{"outcome", "expired"}})),
        rounds(r.counter("deliveries_dispatch_rounds_total", "Dispatch rounds run")),
        round_failures(r.counter("deliveries_dispatch_failures_total",
                                 "Dispatch rounds that failed (logged)")),
        waiting(
            r.gauge("deliveries_waiting",
                    "Deliveries waiting for a courier with no offer out, after the last "
                    "dispatch round on this node (0 where the dispatcher's lease is not held)")),
        round_seconds(r.histogram("deliveries_dispatch_round_seconds", "Dispatch round duration",
                                  {0.001, 0.005, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2})),
        positions_forwarded(r.counter("deliveries_positions_forwarded_total",
                                      "Courier positions pushed to delivery topics")),
        path_failures(r.counter("deliveries_path_failures_total",
                                "Path points that could not be stored (logged)")),
        events_rejected(r.counter("deliveries_events_rejected_total",
                                  "Consumed events dropped for a malformed payload (logged)")) {}

  metrics::Counter& created;
  metrics::Counter& transitions;
  metrics::Counter& offers_made;
  metrics::Counter& offers_accepted;
  metrics::Counter& offers_declined;
  metrics::Counter& offers_expired;
  metrics::Counter& rounds;
  metrics::Counter& round_failures;
  metrics::Gauge& waiting;
  metrics::Histogram& round_seconds;
  metrics::Counter& positions_forwarded;
  metrics::Counter& path_failures;
  metrics::Counter& events_rejected;
};

}  // namespace reskflow::deliveries

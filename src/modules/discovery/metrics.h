// Every metric the discovery module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::discovery {

struct DiscoveryMetrics {
  explicit DiscoveryMetrics(metrics::Registry& r)
      : listings(r.counter("discovery_queries_total", "Listing and search queries answered",
                           {{"kind", "listing"}})),
        searches(r.counter("discovery_queries_total", "Listing and search queries answered",
                           {{"kind", "search"}})),
        listing_seconds(r.histogram("discovery_query_duration_seconds",
                                    "Time to answer a listing or search query",
                                    metrics::latency_buckets_seconds(), {{"kind", "listing"}})),
        search_seconds(r.histogram("discovery_query_duration_seconds",
                                   "Time to answer a listing or search query",
                                   metrics::latency_buckets_seconds(), {{"kind", "search"}})),
        candidates_truncated(r.counter(
            "discovery_candidates_truncated_total",
            "Queries whose candidates hit RESKFLOW_DISCOVERY_CANDIDATES_MAX (results may miss "
            "matches)")),
        index_loads(r.counter("discovery_index_loads_total",
                              "Loads of the in-memory index after a change to the read model")),
        index_load_seconds(r.histogram("discovery_index_load_seconds",
                                       "Time to load the in-memory index from the database",
                                       metrics::latency_buckets_seconds())),
        events_applied(r.counter("discovery_events_total", "Events consumed by outcome",
                                 {{"outcome", "applied"}})),
        events_stale(r.counter("discovery_events_total", "Events consumed by outcome",
                               {{"outcome", "stale"}})),
        events_rejected(r.counter("discovery_events_total", "Events consumed by outcome",
                                  {{"outcome", "rejected"}})) {}

  metrics::Counter& listings;
  metrics::Counter& searches;
  metrics::Histogram& listing_seconds;
  metrics::Histogram& search_seconds;
  metrics::Counter& candidates_truncated;
  metrics::Counter& index_loads;
  metrics::Histogram& index_load_seconds;
  metrics::Counter& events_applied;   // changed the read model
  metrics::Counter& events_stale;     // a version at or below the one held
  metrics::Counter& events_rejected;  // malformed payload: parked as a dead letter
};

}  // namespace reskflow::discovery

// Every metric the chain module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::chain {

struct ChainMetrics {
  explicit ChainMetrics(metrics::Registry& r)
      : records(r.counter("chain_records_total", "Delivery milestones recorded as leaves")),
        events_rejected(r.counter("chain_events_rejected_total",
                                  "Consumed events dropped for a malformed payload (logged)")),
        batches_sealed(r.counter("chain_batches_sealed_total", "Batches sealed with their root")),
        transactions_sent(r.counter("chain_transactions_sent_total",
                                    "Anchoring transactions broadcast, re-sends included")),
        batches_confirmed(r.counter("chain_batches_confirmed_total",
                                    "Batches anchored with the configured confirmations")),
        gas_used(r.counter("chain_gas_used_total", "Gas used by confirmed anchoring transactions")),
        pass_failures(r.counter("chain_anchor_pass_failures_total",
                                "Anchoring passes ended by an error (logged; retried)")) {}

  metrics::Counter& records;
  metrics::Counter& events_rejected;
  metrics::Counter& batches_sealed;
  metrics::Counter& transactions_sent;
  metrics::Counter& batches_confirmed;
  metrics::Counter& gas_used;
  metrics::Counter& pass_failures;
};

}  // namespace reskflow::chain

// Every metric the ledger module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::ledger {

struct LedgerMetrics {
  explicit LedgerMetrics(metrics::Registry& r)
      : posted(r.counter("ledger_transactions_posted_total", "Ledger transactions posted")),
        replayed(r.counter("ledger_transactions_replayed_total",
                           "Posts of a reference already posted (answered with the first)")),
        refused(r.counter("ledger_transactions_refused_total",
                          "Posts refused: unbalanced, malformed, or an account would go negative")),
        payouts(r.counter("ledger_payouts_total", "Payouts moved to payouts_in_transit")),
        payout_failures(r.counter("ledger_payout_run_failures_total",
                                  "Scheduled payout runs that failed (storage errors)")) {}

  metrics::Counter& posted;
  metrics::Counter& replayed;
  metrics::Counter& refused;
  metrics::Counter& payouts;
  metrics::Counter& payout_failures;
};

}  // namespace reskflow::ledger

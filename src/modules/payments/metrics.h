// Every metric the payments module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::payments {

struct PaymentsMetrics {
  explicit PaymentsMetrics(metrics::Registry& r)
      : authorized(r.counter("payments_intent_changes_total", "Payment intent changes",
                             {{"status", "authorized"}})),
        requires_action(r.counter("payments_intent_changes_total", "Payment intent changes",
                                  {{"status", "requires_action"}})),
        failed(r.counter("payments_intent_changes_total", "Payment intent changes",
                         {{"status", "failed"}})),
        captured(r.counter("payments_intent_changes_total", "Payment intent changes",
                           {{"status", "captured"}})),
        refunded(r.counter("payments_intent_changes_total", "Payment intent changes",
                           {{"status", "refunded"}})),
        cancelled(r.counter("payments_intent_changes_total", "Payment intent changes",
                            {{"status", "cancelled"}})),
        increased(r.counter("payments_intent_changes_total", "Payment intent changes",
                            {{"status", "increased"}})),
        increases_declined(r.counter("payments_increases_declined_total",
                                     "Raises of a hold the card or the processor refused")),
        provider_errors(r.counter("payments_provider_errors_total",
                                  "Provider calls that failed (unreachable, timeout, refused)")),
        lost_races(r.counter("payments_lost_races_total",
                             "Changes a concurrent retry had already written")),
        webhooks_refused(r.counter("payments_webhooks_refused_total",
                                   "Webhooks refused (bad signature, too old, malformed)")) {}

  metrics::Counter& authorized;
  metrics::Counter& requires_action;
  metrics::Counter& failed;
  metrics::Counter& captured;
  metrics::Counter& refunded;
  metrics::Counter& cancelled;
  metrics::Counter& increased;
  metrics::Counter& increases_declined;
  metrics::Counter& provider_errors;
  metrics::Counter& lost_races;
  metrics::Counter& webhooks_refused;
};

}  // namespace reskflow::payments

// Every metric the quality module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::quality {

struct QualityMetrics {
  explicit QualityMetrics(metrics::Registry& r)
      : reports_opened(r.counter("quality_reports_opened_total", "Problem reports opened")),
        reports_refunded(r.counter("quality_reports_resolved_total", "Problem reports resolved",
                                   {{"decision", "refund"}})),
        reports_not_refunded(r.counter("quality_reports_resolved_total", "Problem reports resolved",
                                       {{"decision", "no_refund"}})),
        refund_failures(r.counter("quality_refund_failures_total",
                                  "Refunds of a resolution that payments refused or could not "
                                  "make (the report stays refunding; logged)")),
        events_counted(r.counter("quality_events_counted_total",
                                 "Consumed events counted into quality scores")),
        events_rejected(r.counter("quality_events_rejected_total",
                                  "Consumed events dropped for a malformed payload (logged)")) {}

  metrics::Counter& reports_opened;
  metrics::Counter& reports_refunded;
  metrics::Counter& reports_not_refunded;
  metrics::Counter& refund_failures;
  metrics::Counter& events_counted;
  metrics::Counter& events_rejected;
};

}  // namespace reskflow::quality

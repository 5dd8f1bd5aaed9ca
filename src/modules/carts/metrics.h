// Every metric the carts module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::carts {

struct CartsMetrics {
  explicit CartsMetrics(metrics::Registry& r)
      : carts_created(r.counter("carts_created_total", "Carts created")),
        lines_added(r.counter("carts_line_writes_total", "Cart line writes that committed",
                              {{"operation", "add"}})),
        lines_changed(r.counter("carts_line_writes_total", "Cart line writes that committed",
                                {{"operation", "change"}})),
        lines_removed(r.counter("carts_line_writes_total", "Cart line writes that committed",
                                {{"operation", "remove"}})),
        group_joins(r.counter("carts_group_joins_total", "Customers who joined a group cart")),
        stale_retries(r.counter("carts_stale_write_retries_total",
                                "Priced writes restarted because the cart changed meanwhile")),
        precondition_failures(r.counter("carts_precondition_failures_total",
                                        "Writes refused because If-Match named an old version")),
        abandoned_idle(r.counter("carts_abandoned_total", "Carts abandoned", {{"reason", "idle"}})),
        abandoned_by_host(
            r.counter("carts_abandoned_total", "Carts abandoned", {{"reason", "host"}})),
        sweep_failures(r.counter("carts_sweep_failures_total",
                                 "Idle-cart sweeps that failed (storage errors)")),
        users_erased(
            r.counter("carts_users_erased_total", "identity.user.erased events applied to carts")),
        preview_seconds(r.histogram("carts_price_preview_duration_seconds",
                                    "Time to re-price one cart through the catalog",
                                    metrics::latency_buckets_seconds())) {}

  metrics::Counter& carts_created;
  metrics::Counter& lines_added;
  metrics::Counter& lines_changed;
  metrics::Counter& lines_removed;
  metrics::Counter& group_joins;
  metrics::Counter& stale_retries;
  metrics::Counter& precondition_failures;
  metrics::Counter& abandoned_idle;
  metrics::Counter& abandoned_by_host;
  metrics::Counter& sweep_failures;
  metrics::Counter& users_erased;
  metrics::Histogram& preview_seconds;
};

}  // namespace reskflow::carts

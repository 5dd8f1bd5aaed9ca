// Every metric the orders module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::orders {

struct OrdersMetrics {
  explicit OrdersMetrics(metrics::Registry& r)
      : placed(r.counter("orders_placed_total", "Orders placed")),
        refused(r.counter("orders_checkout_refusals_total",
                          "Checkouts refused (payment, stock, cart, quote, bad input)")),
        quotes(r.counter("orders_quotes_total", "Quotes given")),
        transitions(r.counter("orders_transitions_total", "Order state changes that committed")),
        modifications(r.counter("orders_modifications_total",
                                "Orders whose lines the customer changed before preparation")),
        auto_rejected(r.counter("orders_auto_rejected_total",
                                "Orders rejected because the merchant did not answer in time")),
        refunds(r.counter("orders_refunds_total",
                          "Partial or full refunds of delivered orders asked for by admins and "
                          "merchants")),
        awaiting_payment(r.counter("orders_awaiting_payment_total",
                                   "Orders written to wait for their payment (a card's challenge, "
                                   "or the shares of a split group order)")),
        unpaid_expired(r.counter("orders_unpaid_expired_total",
                                 "Orders cancelled because their payment was not completed in "
                                 "time")),
        holds_released_after_failure(r.counter(
            "orders_orphan_holds_released_total",
            "Payment holds released because the order could not be written after authorizing")),
        holds_released_on_retry(
            r.counter("orders_hold_releases_retried_total",
                      "Hold releases the retry job completed (after a failed first try, or "
                      "before the request's own try finished)")),
        payment_failures(r.counter("orders_payment_followup_failures_total",
                                   "Captures, releases or refunds that failed after a state change "
                                   "(captures and refunds retried by repeating the request, "
                                   "releases by the retry job)")),
        sweep_failures(
            r.counter("orders_sweep_failures_total",
                      "Background sweeps (acceptance timeout, hold releases, unpaid orders) "
                      "that failed "
                      "(storage errors)")),
        checkout_seconds(r.histogram("orders_checkout_duration_seconds",
                                     "Time to price, authorize and write one order",
                                     metrics::latency_buckets_seconds())) {}

  metrics::Counter& placed;
  metrics::Counter& refused;
  metrics::Counter& quotes;
  metrics::Counter& transitions;
  metrics::Counter& modifications;
  metrics::Counter& auto_rejected;
  metrics::Counter& refunds;
  metrics::Counter& awaiting_payment;
  metrics::Counter& unpaid_expired;
  metrics::Counter& holds_released_after_failure;
  metrics::Counter& holds_released_on_retry;
  metrics::Counter& payment_failures;
  metrics::Counter& sweep_failures;
  metrics::Histogram& checkout_seconds;
};

}  // namespace reskflow::orders

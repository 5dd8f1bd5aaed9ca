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
                                   "Webhooks refused (bad signature, too old, malformed)")),
        crypto_transfers(r.counter("payments_crypto_transfers_total",
                                   "Confirmed token transfers counted into deposit addresses")),
        crypto_paid(
            r.counter("payments_crypto_deposits_total", "Deposits settled", {{"outcome", "paid"}})),
        crypto_expired(r.counter("payments_crypto_deposits_total", "Deposits settled",
                                 {{"outcome", "expired"}})),
        crypto_payouts_sent(r.counter("payments_crypto_payout_transactions_total",
                                      "Treasury transfers broadcast (re-sends included)")),
        crypto_payouts_confirmed(r.counter("payments_crypto_payouts_total",
                                           "Treasury transfers settled",
                                           {{"outcome", "confirmed"}})),
        crypto_payouts_failed(r.counter("payments_crypto_payouts_total",
                                        "Treasury transfers settled", {{"outcome", "reverted"}})),
        crypto_watch_failures(r.counter("payments_crypto_watch_failures_total",
                                        "Stablecoin watcher passes that failed (RPC, storage)")),
        crypto_sweep_fundings(r.counter("payments_crypto_sweep_transactions_total",
                                        "Sweep transactions broadcast", {{"kind", "funding"}})),
        crypto_sweep_transfers(r.counter("payments_crypto_sweep_transactions_total",
                                         "Sweep transactions broadcast", {{"kind", "sweep"}})),
        crypto_swept(r.counter("payments_crypto_sweeps_total", "Deposit sweeps ended",
                               {{"outcome", "swept"}})),
        crypto_sweeps_skipped(r.counter("payments_crypto_sweeps_total", "Deposit sweeps ended",
                                        {{"outcome", "skipped"}})),
        crypto_sweeps_reverted(r.counter("payments_crypto_sweeps_total", "Deposit sweeps ended",
                                         {{"outcome", "reverted"}})),
        crypto_swept_units(r.counter("payments_crypto_swept_units_total",
                                     "Token units moved from deposit addresses to the treasury")),
        crypto_sweeps_pending(r.gauge("payments_crypto_sweeps_pending",
                                      "Deposit sweeps under way (funding or sweep not confirmed)")),
        crypto_sweep_failures(r.counter("payments_crypto_sweep_failures_total",
                                        "Stablecoin sweeper passes that failed (RPC, storage)")) {}

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
  metrics::Counter& crypto_transfers;
  metrics::Counter& crypto_paid;
  metrics::Counter& crypto_expired;
  metrics::Counter& crypto_payouts_sent;
  metrics::Counter& crypto_payouts_confirmed;
  metrics::Counter& crypto_payouts_failed;
  metrics::Counter& crypto_watch_failures;
  metrics::Counter& crypto_sweep_fundings;
  metrics::Counter& crypto_sweep_transfers;
  metrics::Counter& crypto_swept;
  metrics::Counter& crypto_sweeps_skipped;
  metrics::Counter& crypto_sweeps_reverted;
  metrics::Counter& crypto_swept_units;
  metrics::Gauge& crypto_sweeps_pending;
  metrics::Counter& crypto_sweep_failures;
};

}  // namespace reskflow::payments

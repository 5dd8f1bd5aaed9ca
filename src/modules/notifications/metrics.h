// Every metric the notifications module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::notifications {

struct NotificationsMetrics {
  explicit NotificationsMetrics(metrics::Registry& r)
      : inbox_added(r.counter("notifications_inbox_items_total", "In-app notifications added")),
        queued(
            r.counter("notifications_sends_queued_total", "Email, SMS and Web Push sends queued")),
        sent(r.counter("notifications_sends_total", "Send attempts", {{"outcome", "sent"}})),
        retried(r.counter("notifications_sends_total", "Send attempts", {{"outcome", "retry"}})),
        dead(r.counter("notifications_sends_total", "Send attempts", {{"outcome", "dead"}})),
        skipped(r.counter("notifications_sends_total", "Send attempts", {{"outcome", "skipped"}})),
        replayed(r.counter("notifications_dead_letters_replayed_total",
                           "Dead letters an admin sent back to the queue")),
        push_subscriptions_gone(
            r.counter("notifications_push_subscriptions_gone_total",
                      "Push subscriptions removed because the push service answered 404 or 410")),
        events_rejected(r.counter("notifications_events_rejected_total",
                                  "Consumed events dropped for a malformed payload (logged)")),
        dispatch_failures(r.counter("notifications_dispatch_failures_total",
                                    "Dispatch passes that could not read or record the queue "
                                    "(logged)")) {}

  metrics::Counter& inbox_added;
  metrics::Counter& queued;
  metrics::Counter& sent;
  metrics::Counter& retried;
  metrics::Counter& dead;
  metrics::Counter& skipped;
  metrics::Counter& replayed;
  metrics::Counter& push_subscriptions_gone;
  metrics::Counter& events_rejected;
  metrics::Counter& dispatch_failures;
};

}  // namespace reskflow::notifications

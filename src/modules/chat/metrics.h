// Every metric the chat module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::chat {

struct ChatMetrics {
  explicit ChatMetrics(metrics::Registry& r)
      : messages_sent(r.counter("chat_messages_sent_total", "Chat messages stored")),
        messages_masked(r.counter("chat_messages_masked_total",
                                  "Delivery conversation messages with contacts masked")),
        messages_rate_limited(r.counter("chat_messages_rate_limited_total",
                                        "Messages refused by the per-user rate limit")),
        conversations_opened(r.counter("chat_conversations_opened_total", "Conversations opened")),
        conversations_closed(r.counter("chat_conversations_closed_total", "Conversations closed")),
        events_malformed(r.counter("chat_events_malformed_total",
                                   "Consumed events whose payload did not parse (logged)")) {}

  metrics::Counter& messages_sent;
  metrics::Counter& messages_masked;
  metrics::Counter& messages_rate_limited;
  metrics::Counter& conversations_opened;
  metrics::Counter& conversations_closed;
  metrics::Counter& events_malformed;
};

}  // namespace reskflow::chat

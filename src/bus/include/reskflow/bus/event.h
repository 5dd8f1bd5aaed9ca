// Events: what a module publishes inside its transaction, and what a consumer receives.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace reskflow::bus {

struct Event {
  // Dot-separated lowercase words, most general first: "order.placed", "delivery.assigned".
  std::string type;
  // The entity the event is about (an order id): the key consumers order and partition by.
  std::string subject;
  // A JSON document (checked at publish).
  std::string payload_json;
};

// A committed event as delivered.
struct Envelope {
  std::string event_id;  // UUIDv7, unique: consumers deduplicate on it
  std::string type;
  std::string subject;
  std::string payload_json;
  std::int64_t created_at_us = 0;
  std::int64_t outbox_id = 0;  // order within one transaction
  std::int64_t txid = 0;       // PostgreSQL transaction id (0 on SQLite); delivery order key
  // The W3C traceparent of the span that published it (empty when none): a consumer's
  // handling continues that trace, with the tracestate that came with it (empty when none).
  std::string traceparent{};
  std::string tracestate{};
};

// NATS-style type patterns: tokens split on '.', "*" matches one token, a final ">" matches
// one or more: "order.*" matches "order.placed", "order.>" also "order.item.added", ">" all.
bool type_matches(std::string_view pattern, std::string_view type) noexcept;

}  // namespace reskflow::bus

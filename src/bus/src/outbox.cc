// publish (the outbox insert) and the consumers' inbox helpers.
#include "reskflow/bus/outbox.h"

#include <boost/json/parse.hpp>

#include "reskflow/core/trace.h"
#include "reskflow/store/uuid.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_bus();

namespace reskflow::bus {
namespace {

constexpr std::size_t type_chars_max = 200;

bool valid_type(std::string_view type) {
  if (type.empty() || type.size() > type_chars_max) return false;
  if (type.front() == '.' || type.back() == '.' || type.find("..") != std::string_view::npos) {
    return false;
  }
  for (const char c : type) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

store::MigrationSet migrations() { return {"bus", reskflow_migrations_bus()}; }

Result<std::string> publish(store::Transaction& tx, const Event& event) {
  if (tx.read_only()) return fail(ErrorCode::internal, "publish needs a write transaction");
  if (!valid_type(event.type)) {
    return fail(ErrorCode::internal,
                "event type '" + event.type + "' is not dot-separated lowercase words");
  }
  boost::system::error_code parse_error;
  (void)boost::json::parse(event.payload_json, parse_error);
  if (parse_error) {
    return fail(ErrorCode::internal,
                "event " + event.type + " payload is not JSON: " + parse_error.message());
  }
  std::string event_id = store::new_uuid_v7();
  const auto* span = trace::current();
  auto inserted = tx.exec(
      "INSERT INTO outbox (event_id, type, subject, payload, created_at_us, traceparent, "
      "tracestate) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {event_id, event.type, event.subject, event.payload_json, store::unix_now_us(),
       span == nullptr ? std::string() : trace::format_traceparent(*span),
       span == nullptr ? std::string() : span->tracestate});
  if (!inserted) return std::unexpected(inserted.error());
  tx.notify_after_commit(outbox_channel);
  return event_id;
}

Result<std::int64_t> erase_events(store::Transaction& tx, std::string_view type,
                                  std::string_view subject) {
  const store::Params key{std::string(type), std::string(subject)};
  auto events = tx.exec("DELETE FROM outbox WHERE type = $1 AND subject = $2", key);
  if (!events) return std::unexpected(events.error());
  auto parked = tx.exec("DELETE FROM bus_dead_letters WHERE type = $1 AND subject = $2", key);
  if (!parked) return std::unexpected(parked.error());
  return *events + *parked;
}

Result<bool> record_once(store::Transaction& tx, std::string_view consumer,
                         std::string_view event_id) {
  auto inserted = tx.exec(
      "INSERT INTO bus_inbox (consumer, event_id, processed_at_us) VALUES ($1, $2, $3) "
      "ON CONFLICT (consumer, event_id) DO NOTHING",
      {std::string(consumer), std::string(event_id), store::unix_now_us()});
  if (!inserted) return std::unexpected(inserted.error());
  return *inserted == 1;
}

Status handle_once(store::Database& db, std::string_view consumer, const Envelope& event,
                   const std::function<Status(store::Transaction&)>& apply) {
  return db.write([&](store::Transaction& tx) -> Status {
    auto first = record_once(tx, consumer, event.event_id);
    if (!first) return std::unexpected(first.error());
    if (!*first) return {};
    return apply(tx);
  });
}

}  // namespace reskflow::bus

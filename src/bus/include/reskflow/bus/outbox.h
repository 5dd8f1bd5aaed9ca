// The transactional outbox: publish an event in the same transaction as the state change it
// reports; consumers deduplicate by event id in their own transaction (the inbox).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "reskflow/bus/event.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::bus {

// The bus's own tables (outbox, consumer positions, inbox, dead letters): migrate them with
// the modules' sets.
store::MigrationSet migrations();

// Database::on_commit channel notified after a transaction that published.
inline constexpr std::string_view outbox_channel = "bus.outbox";

// Inserts event into the outbox within tx (commits or rolls back with it) and returns its id.
// Fails with ErrorCode::internal for an empty or malformed type or a payload that is not JSON.
Result<std::string> publish(store::Transaction& tx, const Event& event);

// Deletes, within tx, the events of `type` about `subject` from the outbox and the dead
// letters, delivered or not, and returns how many went: erasure of personal data reaches the
// events that carry it (consumers that have not seen them yet never will).
Result<std::int64_t> erase_events(store::Transaction& tx, std::string_view type,
                                  std::string_view subject);

// Records in tx that consumer has handled event_id: true the first time, false when it already
// had (a redelivery, to be ignored). Call it in the same transaction as the handler's effects.
Result<bool> record_once(store::Transaction& tx, std::string_view consumer,
                         std::string_view event_id);

// The usual handler body: runs apply in one write transaction together with record_once, and
// does nothing when consumer has already handled this event.
Status handle_once(store::Database& db, std::string_view consumer, const Envelope& event,
                   const std::function<Status(store::Transaction&)>& apply);

}  // namespace reskflow::bus

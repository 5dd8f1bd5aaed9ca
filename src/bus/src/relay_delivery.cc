// The relay's database side: claiming a consumer, reading after its position, acknowledging,
// parking dead letters, replaying them and pruning the outbox.
#include <algorithm>
#include <limits>

#include "outbox_position.h"
#include "reskflow/bus/relay.h"

namespace reskflow::bus {
namespace {

using store::Transaction;

constexpr std::string_view envelope_columns =
    "id, txid, event_id, type, subject, payload, created_at_us, traceparent, tracestate";

Envelope envelope_from(const store::Row& row) {
  return Envelope{row.text(2),  row.text(3),  row.text(4), row.text(5), row.int64(6),
                  row.int64(0), row.int64(1), row.text(7), row.text(8)};
}

// A row is settled when no transaction still running may commit a row before it. PostgreSQL:
// its transaction is older than every transaction running at this statement's snapshot (its
// xmin); one still running may commit rows that sort before rows already visible, so delivery
// stops at the first unsettled row. SQLite: one writer at a time, ids are in commit order, every
// committed row is settled.
std::string settled_sql(store::Engine engine) {
  return engine == store::Engine::postgres
             ? "txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
             : "TRUE";
}

// Rows after a position ($1, $2), in delivery order, each with whether it is settled; only rows
// whose type starts with the consumer's pattern up to its first wildcard ($4), so a consumer
// behind many events of other types reads past them in one batch (type_matches decides the
// rest).
std::string fetch_sql(store::Engine engine) {
  return "SELECT " + std::string(envelope_columns) + ", " + settled_sql(engine) +
         " AS settled FROM outbox WHERE " + after_position_sql(engine, "", "$1", "$2") +
         " AND substr(type, 1, length(CAST($4 AS TEXT))) = CAST($4 AS TEXT) "
         "ORDER BY txid, id LIMIT $3";
}

// The newest settled row after a position: where a consumer stands once it has handled every
// matching row up to it. Read before the rows (fetch_sql), so that on PostgreSQL, where each
// statement has its own snapshot, every row settled here is settled there too.
std::string settled_end_sql(store::Engine engine) {
  return "SELECT txid, id FROM outbox WHERE " + after_position_sql(engine, "", "$1", "$2") +
         " AND " + settled_sql(engine) + " ORDER BY txid DESC, id DESC LIMIT 1";
}

// The literal start of a pattern, up to its first wildcard token ("orders.order.*" ->
// "orders.order.", "a.b" -> "a.b", ">" -> "").
std::string literal_start(std::string_view pattern) {
  std::size_t end = 0;
  while (end < pattern.size()) {
    const std::size_t dot = pattern.find('.', end);
    const std::string_view token =
        pattern.substr(end, dot == std::string_view::npos ? std::string_view::npos : dot - end);
    if (token == "*" || token == ">") break;
    if (dot == std::string_view::npos) return std::string(pattern);
    end = dot + 1;
  }
  return std::string(pattern.substr(0, end));
}

std::chrono::microseconds backoff_for(const RelayOptions& options, int attempts) {
  auto delay = std::chrono::microseconds(options.retry_backoff_initial_ms);
  const auto max = std::chrono::microseconds(options.retry_backoff_max_ms);
  for (int i = 1; i < attempts && delay < max; ++i) delay *= 2;
  return std::min(delay, max);
}

// Past this many failures the backoff has long reached its max: the count stops growing.
constexpr int attempts_counted_max = 64;

void keep_earliest(std::optional<std::int64_t>& slot, std::int64_t value) {
  if (!slot || value < *slot) slot = value;
}

}  // namespace

// Serves one consumer for one pass: delivers its due events in order and stops at the first
// failure (the consumer waits for its backoff; the others go on).
Status Relay::serve_consumer(const Route& route, PassResult& pass) {
  ConsumerState& state = consumers_.at(route.consumer);
  const std::int64_t now = clock_();
  if (state.attempts > 0 && state.retry_at_us > now) {
    ++pass.consumers_waiting;
    keep_earliest(pass.next_retry_at_us, state.retry_at_us);
    return {};
  }
  auto position = position_of(route.consumer, now);
  if (!position) return std::unexpected(position.error());
  if (!*position) return {};  // another node holds this consumer
  auto batch = fetch(route.pattern, **position);
  if (!batch) return std::unexpected(batch.error());
  pass.held_back = pass.held_back || batch->held_back;
  std::optional<Position> done;  // where the consumer stands after what this pass handled
  for (const Envelope& event : batch->events) {
    const Position at{event.txid, event.outbox_id};
    if (!type_matches(route.pattern, event.type)) {
      done = at;
      continue;
    }
    const Status delivered = transport_.deliver(route.consumer, event);
    if (!delivered) {
      if (state.failing_event_id != event.event_id) {
        state.failing_event_id = event.event_id;
        state.attempts = 0;
      }
      if (++state.attempts < options_.delivery_attempts_max || !route.park_failures) {
        if (!route.park_failures) state.attempts = std::min(state.attempts, attempts_counted_max);
        state.retry_at_us = now + backoff_for(options_, state.attempts).count();
        ++pass.consumers_waiting;
        keep_earliest(pass.next_retry_at_us, state.retry_at_us);
        return move_to(route.consumer, done);
      }
      if (auto parked = park(route.consumer, event, delivered.error(), state.attempts); !parked) {
        return parked;
      }
      state.attempts = 0;
      ++pass.parked;
      done.reset();  // the park moved the position
      continue;
    }
    state.attempts = 0;
    ++pass.delivered;
    done = at;
  }
  if (batch->events.size() >= options_.batch_events_max) {
    pass.more_ready = true;
  } else if (batch->settled_end && (!done || *done < *batch->settled_end)) {
    done = batch->settled_end;
  }
  return move_to(route.consumer, done);
}

namespace {

std::int64_t lease_us(const RelayOptions& options) {
  return std::chrono::duration_cast<std::chrono::microseconds>(options.consumer_lease_ms).count();
}

}  // namespace

// Where consumer stands: cached while this relay's lease is fresh, else claimed again.
Result<std::optional<Relay::Position>> Relay::position_of(const std::string& consumer,
                                                          std::int64_t now) {
  ConsumerState& state = consumers_.at(consumer);
  if (state.lease_until_us - now > lease_us(options_) / 2) return state.position;
  auto claimed = claim(consumer, now);
  if (!claimed) return std::unexpected(claimed.error());
  if (*claimed) {
    state.lease_until_us = now + lease_us(options_);
    state.position = **claimed;
  }
  return claimed;
}

// Takes or renews this relay's lease on consumer; its position, or nullopt when another relay
// holds a lease that has not lapsed.
Result<std::optional<Relay::Position>> Relay::claim(const std::string& consumer, std::int64_t now) {
  const std::int64_t lease_until = now + lease_us(options_);
  return db_.write([&](Transaction& tx) -> Result<std::optional<Position>> {
    auto rows = tx.query(
        "INSERT INTO bus_consumers "
        "(consumer, position_txid, position_id, owner, lease_until_us, updated_at_us) "
        "VALUES ($1, -1, 0, $2, $3, $4) ON CONFLICT (consumer) DO UPDATE "
        "SET owner = excluded.owner, lease_until_us = excluded.lease_until_us "
        "WHERE bus_consumers.owner = excluded.owner OR bus_consumers.lease_until_us < $4 "
        "RETURNING position_txid, position_id",
        {consumer, owner_, lease_until, now});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::nullopt;
    return Position{rows->front().int64(0), rows->front().int64(1)};
  });
}

Result<Relay::Batch> Relay::fetch(const std::string& pattern, Position after) {
  const store::Engine engine = db_.engine();
  return db_.read([&](Transaction& tx) -> Result<Batch> {
    Batch batch;
    auto end = tx.query(settled_end_sql(engine), {after.txid, after.id});
    if (!end) return std::unexpected(end.error());
    if (!end->empty()) batch.settled_end = Position{end->front().int64(0), end->front().int64(1)};
    auto rows = tx.query(fetch_sql(engine), {after.txid, after.id,
                                             static_cast<std::int64_t>(options_.batch_events_max),
                                             literal_start(pattern)});
    if (!rows) return std::unexpected(rows.error());
    for (const store::Row row : *rows) {
      if (!row.boolean(9)) {
        batch.held_back = true;
        break;
      }
      batch.events.push_back(envelope_from(row));
    }
    return batch;
  });
}

namespace {

Result<bool> move_position(Transaction& tx, const std::string& consumer, const std::string& owner,
                           std::int64_t txid, std::int64_t id, std::int64_t now) {
  auto updated = tx.exec(
      "UPDATE bus_consumers SET position_txid = $2, position_id = $3, updated_at_us = $4 "
      "WHERE consumer = $1 AND owner = $5",
      {consumer, txid, id, now, owner});
  if (!updated) return std::unexpected(updated.error());
  return *updated == 1;
}

}  // namespace

// Records that consumer is done with everything up to done, in one write per batch (nothing
// when it did not move). A lease lost to another relay is not an error: that relay goes on.
Status Relay::move_to(const std::string& consumer, std::optional<Position> done) {
  ConsumerState& state = consumers_.at(consumer);
  if (!done || *done == state.position) return {};
  const std::int64_t now = clock_();
  auto moved = db_.write([&](Transaction& tx) {
    return move_position(tx, consumer, owner_, done->txid, done->id, now);
  });
  if (!moved) {
    state.lease_until_us = 0;  // re-read from the database next time
    return std::unexpected(moved.error());
  }
  if (*moved) {
    state.position = *done;
  } else {
    state.lease_until_us = 0;
  }
  return {};
}

Status insert_dead_letter(Transaction& tx, const DeadLetter& letter) {
  const Envelope& event = letter.event;
  auto inserted = tx.exec(
      "INSERT INTO bus_dead_letters (consumer, event_id, outbox_id, txid, type, subject, "
      "payload, created_at_us, attempts, last_error, parked_at_us, traceparent, tracestate) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) "
      "ON CONFLICT (consumer, event_id) DO NOTHING",
      {letter.consumer, event.event_id, event.outbox_id, event.txid, event.type, event.subject,
       event.payload_json, event.created_at_us, std::int64_t{letter.attempts}, letter.last_error,
       letter.parked_at_us, event.traceparent, event.tracestate});
  if (!inserted) return std::unexpected(inserted.error());
  return {};
}

Status Relay::park(const std::string& consumer, const Envelope& event, const Error& error,
                   int attempts) {
  const std::int64_t now = clock_();
  const std::string detail = error.detail.substr(0, options_.error_detail_chars_max);
  Status parked = db_.write([&](Transaction& tx) -> Status {
    if (auto inserted = insert_dead_letter(tx, {consumer, event, attempts, detail, now});
        !inserted) {
      return inserted;
    }
    auto moved = move_position(tx, consumer, owner_, event.txid, event.outbox_id, now);
    if (!moved) return std::unexpected(moved.error());
    if (!*moved) return fail(ErrorCode::conflict, "consumer " + consumer + " lease lost");
    return {};
  });
  ConsumerState& state = consumers_.at(consumer);
  if (parked) state.position = Position{event.txid, event.outbox_id};
  if (!parked) state.lease_until_us = 0;
  return parked;
}

Result<std::vector<DeadLetter>> list_dead_letters(store::Database& db, std::string_view consumer,
                                                  std::size_t limit) {
  return db.read([&](Transaction& tx) -> Result<std::vector<DeadLetter>> {
    auto rows = tx.query(
        "SELECT outbox_id, txid, event_id, type, subject, payload, created_at_us, traceparent, "
        "tracestate, consumer, attempts, last_error, parked_at_us FROM bus_dead_letters WHERE "
        "consumer = $1 ORDER BY parked_at_us, outbox_id LIMIT $2",
        {std::string(consumer), static_cast<std::int64_t>(limit)});
    if (!rows) return std::unexpected(rows.error());
    std::vector<DeadLetter> out;
    for (const store::Row row : *rows) {
      out.push_back(DeadLetter{row.text(9), envelope_from(row), static_cast<int>(row.int64(10)),
                               row.text(11), row.int64(12)});
    }
    return out;
  });
}

Status Relay::replay_dead_letter(std::string_view consumer, std::string_view event_id) {
  const std::lock_guard lock(pass_mutex_);
  const std::string name(consumer), id(event_id);
  auto letter = db_.read([&](Transaction& tx) -> Result<std::optional<Envelope>> {
    auto rows = tx.query(
        "SELECT outbox_id, txid, event_id, type, subject, payload, "
        "created_at_us, traceparent, tracestate FROM bus_dead_letters WHERE consumer = $1 AND "
        "event_id = $2",
        {name, id});
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::nullopt;
    return envelope_from(rows->front());
  });
  if (!letter) return std::unexpected(letter.error());
  if (!*letter) return fail(ErrorCode::not_found, "no dead letter " + id + " for " + name);
  const Status delivered = transport_.deliver(consumer, **letter);
  const std::string detail =
      delivered ? "" : delivered.error().detail.substr(0, options_.error_detail_chars_max);
  auto recorded = db_.write([&](Transaction& tx) -> Result<std::int64_t> {
    if (delivered) {
      return tx.exec("DELETE FROM bus_dead_letters WHERE consumer = $1 AND event_id = $2",
                     {name, id});
    }
    return tx.exec(
        "UPDATE bus_dead_letters SET attempts = attempts + 1, last_error = $3 "
        "WHERE consumer = $1 AND event_id = $2",
        {name, id, detail});
  });
  if (!recorded) return std::unexpected(recorded.error());
  return delivered;
}

Result<std::int64_t> Relay::prune_batch(std::int64_t older_than_us) {
  const auto routes = transport_.routes();
  return db_.write([&](Transaction& tx) -> Result<std::int64_t> {
    // Below every consumer's position; with no consumer, below everything.
    Position lowest{std::numeric_limits<std::int64_t>::max(), 0};
    for (const Route& route : routes) {
      auto rows = tx.query(
          "SELECT position_txid, position_id FROM bus_consumers "
          "WHERE consumer = $1",
          {route.consumer});
      if (!rows) return std::unexpected(rows.error());
      if (rows->empty()) return 0;  // a consumer that has not started needs everything
      const Position at{rows->front().int64(0), rows->front().int64(1)};
      if (at.txid < lowest.txid || (at.txid == lowest.txid && at.id < lowest.id)) lowest = at;
    }
    return tx.exec(
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE (txid < $1 OR (txid = $1 "
        "AND id <= $2)) AND created_at_us < $3 ORDER BY id LIMIT $4)",
        {lowest.txid, lowest.id, older_than_us, options_.prune_batch_events_max});
  });
}

Result<std::int64_t> Relay::prune(std::int64_t older_than_us) {
  std::int64_t total = 0;
  for (;;) {
    auto n = prune_batch(older_than_us);
    if (!n) return std::unexpected(n.error());
    total += *n;
    if (*n < options_.prune_batch_events_max) return total;
  }
}

Result<std::int64_t> Relay::prune_expired() {
  const auto retention_us =
      std::chrono::duration_cast<std::chrono::microseconds>(options_.outbox_retention_hours);
  return prune(clock_() - retention_us.count());
}

void Relay::prune_if_due() {
  const auto now = clock_();
  if (now < prune_due_at_us_) return;
  prune_due_at_us_ =
      now +
      std::chrono::duration_cast<std::chrono::microseconds>(options_.prune_interval_ms).count();
  auto n = prune_expired();
  if (!n) {
    if (options_.on_error) options_.on_error(n.error());
  } else if (*n > 0 && options_.on_pruned) {
    options_.on_pruned(*n);
  }
}

}  // namespace reskflow::bus

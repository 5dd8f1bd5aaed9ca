// The idempotency key table: claims, stored responses, expiry and the pruning thread.
#include <boost/json.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/idempotency.h"
#include "reskflow/modules/settings.h"
#include "reskflow/store/uuid.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_idempotency();

namespace reskflow::modules {
namespace {

constexpr std::int64_t us_per_s = 1'000'000;

std::string headers_json(const http::HeaderList& headers) {
  boost::json::array out;
  for (const auto& [name, value] : headers) {
    boost::json::array pair;
    pair.emplace_back(name);
    pair.emplace_back(value);
    out.emplace_back(std::move(pair));
  }
  return json::serialize(out);
}

http::HeaderList headers_from_json(std::string_view text) {
  http::HeaderList out;
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_array()) return out;
  for (const auto& pair : parsed.as_array()) {
    const auto* items = pair.if_array();
    if (items == nullptr || items->size() != 2 || !(*items)[0].is_string() ||
        !(*items)[1].is_string())
      continue;
    out.emplace_back((*items)[0].as_string(), (*items)[1].as_string());
  }
  return out;
}

store::Blob to_blob(std::string_view text) {
  const auto* bytes = reinterpret_cast<const std::byte*>(text.data());
  return {bytes, bytes + text.size()};
}

std::string from_blob(const store::Blob& blob) {
  return {reinterpret_cast<const char*>(blob.data()), blob.size()};
}

constexpr std::string_view select_key =
    "SELECT fingerprint, created_at_us, claimed_at_us, completed_at_us, response_status, "
    "response_content_type, response_headers, response_body FROM idempotency_keys "
    "WHERE scope = $1 AND idempotency_key = $2";

StoredResponse stored_response(const store::Row& row) {
  return {static_cast<int>(row.int64(4)), row.optional_text(5).value_or(""),
          headers_from_json(row.optional_text(6).value_or("[]")),
          from_blob(row.optional_blob(7).value_or(store::Blob{}))};
}

}  // namespace

store::MigrationSet idempotency_migrations() {
  return {"idempotency", reskflow_migrations_idempotency()};
}

Result<IdempotencySettings> idempotency_settings(
    const std::map<std::string, std::string>& environment) {
  Settings s("idempotency", environment);
  IdempotencySettings out;
  constexpr std::int64_t week_s = std::int64_t{7} * 86'400;
  out.retention_s =
      std::chrono::seconds(s.integer("RETENTION_S", out.retention_s.count(), 60, week_s));
  out.in_flight_timeout_s = std::chrono::seconds(
      s.integer("IN_FLIGHT_TIMEOUT_S", out.in_flight_timeout_s.count(), 1, 86'400));
  out.prune_interval_s =
      std::chrono::seconds(s.integer("PRUNE_INTERVAL_S", out.prune_interval_s.count(), 1, 86'400));
  out.prune_batch_keys_max =
      s.integer("PRUNE_BATCH_KEYS_MAX", out.prune_batch_keys_max, 1, 100'000);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  if (out.in_flight_timeout_s >= out.retention_s)
    return fail(ErrorCode::validation_failed, "invalid module settings",
                {{"RESKFLOW_IDEMPOTENCY_IN_FLIGHT_TIMEOUT_S",
                  "must be shorter than RESKFLOW_IDEMPOTENCY_RETENTION_S"}});
  return out;
}

IdempotencyMetrics::IdempotencyMetrics(metrics::Registry& r)
    : claimed(r.counter("idempotency_requests_total", "Requests that sent an Idempotency-Key",
                        {{"outcome", "claimed"}})),
      replayed(r.counter("idempotency_requests_total", "Requests that sent an Idempotency-Key",
                         {{"outcome", "replayed"}})),
      reused(r.counter("idempotency_requests_total", "Requests that sent an Idempotency-Key",
                       {{"outcome", "reused"}})),
      in_flight(r.counter("idempotency_requests_total", "Requests that sent an Idempotency-Key",
                          {{"outcome", "in_flight"}})),
      store_failures(r.counter("idempotency_store_failures_total",
                               "Claims, completions or releases of a key that failed (storage)")),
      prune_failures(r.counter("idempotency_prune_failures_total",
                               "Passes of the expired-key pruner that failed (storage)")) {}

IdempotencyKeys::IdempotencyKeys(store::Database& db, IdempotencySettings settings,
                                 metrics::Registry& registry, Clock clock)
    : db_(db),
      settings_(settings),
      metrics_(registry),
      clock_(clock ? std::move(clock) : Clock(store::unix_now_us)) {}

IdempotencyKeys::~IdempotencyKeys() { stop(); }

Result<Claim> IdempotencyKeys::claim(std::string_view scope, std::string_view key,
                                     std::string_view fingerprint) {
  auto claimed = claim_once(scope, key, fingerprint);
  // Another node inserted the same key between our read and our insert: its row is committed
  // now, so a second look finds it.
  if (!claimed && claimed.error().code == ErrorCode::conflict)
    claimed = claim_once(scope, key, fingerprint);
  return claimed;
}

Result<Claim> IdempotencyKeys::claim_once(std::string_view scope, std::string_view key,
                                          std::string_view fingerprint) {
  const auto now = clock_();
  const auto claim_id = store::new_uuid_v7();
  const store::Params id{std::string(scope), std::string(key)};
  return db_.write([&](store::Transaction& tx) -> Result<Claim> {
    RF_TRY(rows, tx.query(select_key, id));
    if (rows->empty()) {
      RF_TRY(inserted, tx.exec("INSERT INTO idempotency_keys (scope, idempotency_key, "
                               "fingerprint, claim_id, created_at_us, claimed_at_us) "
                               "VALUES ($1, $2, $3, $4, $5, $5)",
                               {std::string(scope), std::string(key), std::string(fingerprint),
                                claim_id, now}));
      return Claim{ClaimOutcome::claimed, claim_id, {}};
    }
    const auto row = rows->front();
    if (row.int64(1) <= now - settings_.retention_s.count() * us_per_s) {
      RF_TRY(renewed, tx.exec("UPDATE idempotency_keys SET fingerprint = $3, claim_id = $4, "
                              "created_at_us = $5, claimed_at_us = $5, completed_at_us = NULL, "
                              "response_status = NULL, response_content_type = NULL, "
                              "response_headers = NULL, response_body = NULL "
                              "WHERE scope = $1 AND idempotency_key = $2",
                              {std::string(scope), std::string(key), std::string(fingerprint),
                               claim_id, now}));
      return Claim{ClaimOutcome::claimed, claim_id, {}};
    }
    if (row.text_view(0) != fingerprint) return Claim{ClaimOutcome::mismatch, {}, {}};
    if (!row.is_null(3)) return Claim{ClaimOutcome::replay, {}, stored_response(row)};
    if (row.int64(2) > now - settings_.in_flight_timeout_s.count() * us_per_s)
      return Claim{ClaimOutcome::in_flight, {}, {}};
    // The claim outlived any request: its node died mid-request. Take it over.
    RF_TRY(taken, tx.exec("UPDATE idempotency_keys SET claim_id = $3, claimed_at_us = $4 "
                          "WHERE scope = $1 AND idempotency_key = $2",
                          {std::string(scope), std::string(key), claim_id, now}));
    return Claim{ClaimOutcome::claimed, claim_id, {}};
  });
}

Result<std::optional<Claim>> IdempotencyKeys::find(std::string_view scope, std::string_view key,
                                                   std::string_view fingerprint) {
  const auto now = clock_();
  return db_.read([&](store::Transaction& tx) -> Result<std::optional<Claim>> {
    RF_TRY(rows, tx.query(select_key, {std::string(scope), std::string(key)}));
    if (rows->empty()) return std::optional<Claim>{};
    const auto row = rows->front();
    if (row.int64(1) <= now - settings_.retention_s.count() * us_per_s)
      return std::optional<Claim>{};
    if (row.text_view(0) != fingerprint) return Claim{ClaimOutcome::mismatch, {}, {}};
    if (!row.is_null(3)) return Claim{ClaimOutcome::replay, {}, stored_response(row)};
    if (row.int64(2) > now - settings_.in_flight_timeout_s.count() * us_per_s)
      return Claim{ClaimOutcome::in_flight, {}, {}};
    return std::optional<Claim>{};
  });
}

Result<bool> IdempotencyKeys::claim_in(store::Transaction& tx, std::string_view scope,
                                       std::string_view key, std::string_view fingerprint,
                                       std::string_view claim_id) {
  const auto now = clock_();
  // A row that find() saw free may still be there: past its retention, or a claim of a request
  // whose node died. Anything else is another request's, and stays.
  RF_TRY(n, tx.exec("INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, "
                    "claim_id, created_at_us, claimed_at_us) VALUES ($1, $2, $3, $4, $5, $5) "
                    "ON CONFLICT (scope, idempotency_key) DO UPDATE SET fingerprint = "
                    "excluded.fingerprint, claim_id = excluded.claim_id, created_at_us = "
                    "excluded.created_at_us, claimed_at_us = excluded.claimed_at_us, "
                    "completed_at_us = NULL, response_status = NULL, response_content_type = "
                    "NULL, response_headers = NULL, response_body = NULL WHERE "
                    "idempotency_keys.created_at_us <= $6 OR (idempotency_keys.completed_at_us "
                    "IS NULL AND idempotency_keys.claimed_at_us <= $7 AND "
                    "idempotency_keys.fingerprint = excluded.fingerprint)",
                    {std::string(scope), std::string(key), std::string(fingerprint),
                     std::string(claim_id), now, now - settings_.retention_s.count() * us_per_s,
                     now - settings_.in_flight_timeout_s.count() * us_per_s}));
  return *n == 1;
}

Result<bool> IdempotencyKeys::complete_in(store::Transaction& tx, std::string_view scope,
                                          std::string_view key, std::string_view claim_id,
                                          const StoredResponse& response) {
  RF_TRY(n, tx.exec("UPDATE idempotency_keys SET completed_at_us = $4, response_status = $5, "
                    "response_content_type = $6, response_headers = $7, response_body = $8 "
                    "WHERE scope = $1 AND idempotency_key = $2 AND claim_id = $3 "
                    "AND completed_at_us IS NULL",
                    {std::string(scope), std::string(key), std::string(claim_id), clock_(),
                     std::int64_t{response.status}, response.content_type,
                     headers_json(response.headers), to_blob(response.body)}));
  return *n == 1;
}

Result<bool> IdempotencyKeys::store_answer(std::string_view scope, std::string_view key,
                                           std::string_view fingerprint,
                                           const StoredResponse& response) {
  const auto claim_id = store::new_uuid_v7();
  return db_.write([&](store::Transaction& tx) -> Result<bool> {
    RF_TRY(claimed, claim_in(tx, scope, key, fingerprint, claim_id));
    if (!*claimed) return false;
    return complete_in(tx, scope, key, claim_id, response);
  });
}

Result<bool> IdempotencyKeys::complete(std::string_view scope, std::string_view key,
                                       std::string_view claim_id, const StoredResponse& response) {
  return db_.write(
      [&](store::Transaction& tx) { return complete_in(tx, scope, key, claim_id, response); });
}

Status IdempotencyKeys::release(std::string_view scope, std::string_view key,
                                std::string_view claim_id) {
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, tx.exec("DELETE FROM idempotency_keys WHERE scope = $1 AND idempotency_key = $2 "
                      "AND claim_id = $3 AND completed_at_us IS NULL",
                      {std::string(scope), std::string(key), std::string(claim_id)}));
    return {};
  });
}

Result<std::int64_t> IdempotencyKeys::prune_batch() {
  const auto cutoff = clock_() - settings_.retention_s.count() * us_per_s;
  return db_.write([&](store::Transaction& tx) -> Result<std::int64_t> {
    return tx.exec(
        "DELETE FROM idempotency_keys WHERE (scope, idempotency_key) IN (SELECT scope, "
        "idempotency_key FROM idempotency_keys WHERE created_at_us <= $1 "
        "ORDER BY created_at_us LIMIT $2)",
        {cutoff, settings_.prune_batch_keys_max});
  });
}

Status IdempotencyKeys::forget(std::string_view scope) {
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, tx.exec("DELETE FROM idempotency_keys WHERE scope = $1", {std::string(scope)}));
    return {};
  });
}

void IdempotencyKeys::start() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
  }
  pruner_ = std::thread([this] { prune_until_stopped(); });
}

void IdempotencyKeys::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (pruner_.joinable()) pruner_.join();
}

bool IdempotencyKeys::stopping() {
  std::lock_guard lock(mutex_);
  return stopping_;
}

void IdempotencyKeys::prune_until_stopped() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, settings_.prune_interval_s, [this] { return stopping_; })) {
    lock.unlock();
    prune_expired();
    lock.lock();
  }
}

void IdempotencyKeys::prune_expired() {
  std::int64_t total = 0;
  while (true) {
    auto n = prune_batch();
    if (!n) {
      metrics_.prune_failures.inc();
      log::warn("idempotency_prune_failed", {{"detail", n.error().detail}});
      break;
    }
    total += *n;
    if (*n < settings_.prune_batch_keys_max || stopping()) break;
  }
  if (total > 0) log::info("idempotency_keys_pruned", {{"keys", total}});
}

}  // namespace reskflow::modules

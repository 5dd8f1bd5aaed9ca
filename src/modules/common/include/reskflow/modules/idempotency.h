// Idempotency keys: the first response of a creating request is kept in the database for a day
// and replayed to retries with the same key, so a retried POST never acts twice, on any node.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "reskflow/core/errors.h"
#include "reskflow/core/http.h"
#include "reskflow/core/metrics.h"
#include "reskflow/core/router.h"
#include "reskflow/store/database.h"
#include "reskflow/store/migrations.h"

namespace reskflow::modules {

// RESKFLOW_IDEMPOTENCY_<KEY>; unknown keys are refused at start-up.
struct IdempotencySettings {
  // How long a key and its response are kept, counted from the first request (Stripe: 24 h).
  std::chrono::seconds retention_s{86'400};
  // A key still in progress after this long was claimed by a request whose node died: a retry
  // takes it over and runs. Longer than any request runs.
  std::chrono::seconds in_flight_timeout_s{60};
  std::chrono::seconds prune_interval_s{600};
  std::int64_t prune_batch_keys_max = 1000;  // rows deleted per prune transaction
};

Result<IdempotencySettings> idempotency_settings(
    const std::map<std::string, std::string>& environment);

// The platform's own table of keys: migrate it with the bus's and the modules' sets.
store::MigrationSet idempotency_migrations();

inline constexpr std::size_t idempotency_key_chars_max = 255;

// A response as stored for replay: what the handler set, not what the server adds (request id,
// CORS, compression).
struct StoredResponse {
  int status = 0;
  std::string content_type;
  http::HeaderList headers;
  std::string body;
};

// What claiming a key found.
enum class ClaimOutcome : std::uint8_t {
  claimed,    // this request owns the key: run it, then complete or release the claim
  replay,     // an earlier request with the same fingerprint has finished: answer its response
  in_flight,  // an earlier request with the same fingerprint is still running
  mismatch,   // the key was first used with a different fingerprint
};

struct Claim {
  ClaimOutcome outcome = ClaimOutcome::claimed;
  std::string claim_id;     // claimed: names this claim to complete() and release()
  StoredResponse response;  // replay
};

// Every metric of idempotency keys, declared in one place.
struct IdempotencyMetrics {
  explicit IdempotencyMetrics(metrics::Registry& r);
  metrics::Counter& claimed;
  metrics::Counter& replayed;
  metrics::Counter& reused;
  metrics::Counter& in_flight;
  metrics::Counter& store_failures;
  metrics::Counter& prune_failures;
};

// Keys scoped to a caller (the authenticated principal's subject). Thread-safe; blocking (call
// from the worker pool). Claims are committed before the request runs, so every node sees them.
class IdempotencyKeys {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix microseconds

  IdempotencyKeys(store::Database& db, IdempotencySettings settings, metrics::Registry& registry,
                  Clock clock = {});
  ~IdempotencyKeys();
  IdempotencyKeys(const IdempotencyKeys&) = delete;
  IdempotencyKeys& operator=(const IdempotencyKeys&) = delete;

  // Claims (scope, key) for a request whose method, target and body hash to `fingerprint`, or
  // says what holds it. A key past its retention counts as new.
  Result<Claim> claim(std::string_view scope, std::string_view key, std::string_view fingerprint);
  // What claim() would find, without claiming: nullopt when the key is free (never used, past
  // its retention, or claimed longer than in_flight_timeout_s ago), else replay, in_flight or
  // mismatch. One read; nothing is written.
  Result<std::optional<Claim>> find(std::string_view scope, std::string_view key,
                                    std::string_view fingerprint);
  // Claims a key that find() saw free inside `tx`, under `claim_id`, so that the claim commits
  // with the caller's work. False when another request holds or answered the key meanwhile (the
  // caller rolls `tx` back).
  Result<bool> claim_in(store::Transaction& tx, std::string_view scope, std::string_view key,
                        std::string_view fingerprint, std::string_view claim_id);
  // complete() inside `tx`.
  Result<bool> complete_in(store::Transaction& tx, std::string_view scope, std::string_view key,
                           std::string_view claim_id, const StoredResponse& response);
  // claim_in and complete_in in a transaction of their own: keeps the answer of a request that
  // did not claim its key. False when another request holds or answered it meanwhile.
  Result<bool> store_answer(std::string_view scope, std::string_view key,
                            std::string_view fingerprint, const StoredResponse& response);
  // Stores the response of a claimed request for replay; false when the claim was taken over
  // meanwhile (it outlived in_flight_timeout_s), which keeps the newer claim's answer.
  Result<bool> complete(std::string_view scope, std::string_view key, std::string_view claim_id,
                        const StoredResponse& response);
  // Gives the key back, so that a retry runs again (a 5xx, or a conflict a retry may resolve).
  Status release(std::string_view scope, std::string_view key, std::string_view claim_id);
  // Deletes up to prune_batch_keys_max keys past their retention; returns how many.
  Result<std::int64_t> prune_batch();
  // Deletes every key of `scope` (the caller's personal-data erasure).
  Status forget(std::string_view scope);

  // Prunes every prune_interval_s on a thread of its own until stop().
  void start();
  void stop();

  const IdempotencySettings& settings() const { return settings_; }
  IdempotencyMetrics& metrics() { return metrics_; }

 private:
  Result<Claim> claim_once(std::string_view scope, std::string_view key,
                           std::string_view fingerprint);
  void prune_until_stopped();
  void prune_expired();
  bool stopping();

  store::Database& db_;
  IdempotencySettings settings_;
  IdempotencyMetrics metrics_;
  Clock clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread pruner_;
};

// The Idempotency-Key of a request whose route writes it itself (idempotent_in_handler),
// handed by the hook to the handler while it runs. The hook found the key free without claiming
// it; the handler claims it first thing in the transaction that does the request's work and
// writes its response there last, so that a crash keeps the work and the key or neither, and
// the key costs no commit of its own. Of two concurrent requests with one key, the first to
// commit wins: the other's take() fails, its transaction rolls back, and the hook answers it
// with the winner's response.
class KeyInTransaction {
 public:
  KeyInTransaction(IdempotencyKeys& keys, std::string scope, std::string key,
                   std::string fingerprint);

  // Claims the key in its own committed transaction, as the hook does for other routes: for a
  // handler about to act outside the database (an outside payment processor), so that a
  // concurrent retry is refused before it acts twice. False when another request holds or
  // answered the key: the handler stops, and the hook answers for it.
  Result<bool> claim();
  // Claims the key in `tx` (nothing to do after claim()). idempotency_key_in_use when another
  // request holds or answered it: the caller fails, so that `tx` rolls back.
  Status take(store::Transaction& tx);
  // Writes `response` as the key's answer in `tx`, after take().
  Status write(store::Transaction& tx, const StoredResponse& response);

  // write() succeeded in a transaction (the handler's success says it committed).
  bool written() const { return written_; }
  // Another request holds or answered the key (claim() or take() found it).
  bool lost() const { return lost_; }
  // Set by claim(): a committed claim.
  const std::string& claim_id() const { return claim_id_; }

 private:
  IdempotencyKeys& keys_;
  std::string scope_;
  std::string key_;
  std::string fingerprint_;
  std::string claim_id_;
  std::string taken_id_;  // take()'s claim, committed only with its transaction
  bool written_ = false;
  bool lost_ = false;
};

// The key the hook handed to `request`'s handler on this thread, or nullptr (no Idempotency-Key,
// or a route not marked idempotent_in_handler).
KeyInTransaction* key_in_transaction(const http::Request& request);

// Marks `route` idempotent (http::idempotent) with a handler that writes its key itself
// (KeyInTransaction): the hook then only reads the key beforehand, and keeps the answers the
// handler did not write. The mark is the route's method and pattern, for the whole process.
http::Route idempotent_in_handler(http::Route route);
// Whether the route was marked by idempotent_in_handler.
bool writes_key_in_handler(const http::Route& route);

// SHA-256 (hex) of the request's method, target (path and query) and body.
std::string request_fingerprint(const http::Request& request);

// The router's idempotency hook over `keys` (http::Router::set_idempotency): a request without
// an Idempotency-Key runs as usual; with one, it runs at most once per caller and key.
http::IdempotencyHook idempotency_hook(IdempotencyKeys& keys);

}  // namespace reskflow::modules

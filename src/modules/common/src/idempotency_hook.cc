// The router's idempotency hook: reads Idempotency-Key, claims it for the caller, replays or
// refuses, runs the handler once and stores its response (docs/idempotency.md).
#include <mutex>
#include <set>
#include <utility>

#include "reskflow/core/assert.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/digest.h"
#include "reskflow/modules/idempotency.h"
#include "reskflow/store/uuid.h"

namespace reskflow::modules {
namespace {

bool valid_key(std::string_view key) {
  if (key.empty() || key.size() > idempotency_key_chars_max) return false;
  for (const char c : key) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

// Outcomes a retry may change (the server failed, or the request met another one) give the key
// back; every other answer, a validation error included, is the key's answer for its retention.
bool kept_for_replay(int status) {
  if (status >= 500) return false;
  switch (status) {
    case 408:  // request timeout
    case 409:  // conflict with the resource's current state
    case 412:  // If-Match named an older version
    case 425:  // too early
    case 429:  // rate limited
      return false;
    default: return true;
  }
}

http::Response replayed(const StoredResponse& stored) {
  http::Response r;
  r.status = stored.status;
  r.content_type = stored.content_type;
  r.headers = stored.headers;
  r.body = stored.body;
  r.set_header("Idempotent-Replayed", "true");
  return r;
}

http::Response refused(const http::Request& request, ErrorCode code, std::string detail) {
  return http::problem(Error{code, std::move(detail), {}}, request.request_id, request.path);
}

// What a request finds when another one holds or answered its key.
http::Response answer_held(IdempotencyKeys& keys, const http::Request& request,
                           const Claim& claim) {
  switch (claim.outcome) {
    case ClaimOutcome::replay: keys.metrics().replayed.inc(); return replayed(claim.response);
    case ClaimOutcome::mismatch:
      keys.metrics().reused.inc();
      return refused(request, ErrorCode::idempotency_key_reused,
                     "this Idempotency-Key was used with a different request (method, path or "
                     "body); use a new key for a new request");
    case ClaimOutcome::in_flight:
    case ClaimOutcome::claimed: break;
  }
  keys.metrics().in_flight.inc();
  auto r = refused(request, ErrorCode::idempotency_key_in_use,
                   "the first request with this Idempotency-Key is still in progress; retry "
                   "shortly to get its response");
  r.set_header("Retry-After", "1");
  return r;
}

http::Response storage_failed(IdempotencyKeys& keys, const http::Request& request,
                              const Error& error) {
  keys.metrics().store_failures.inc();
  log::error("idempotency_claim_failed", {{"route", request.route}, {"detail", error.detail}});
  return http::problem(error, request.request_id, request.path);
}

void log_store_failure(IdempotencyKeys& keys, const http::Request& request, const Status& stored) {
  if (stored) return;
  keys.metrics().store_failures.inc();
  log::error("idempotency_store_failed",
             {{"route", request.route}, {"detail", stored.error().detail}});
}

StoredResponse stored_of(const http::Response& response) {
  return {response.status, response.content_type, response.headers,
          std::string(response.payload())};
}

// Records the outcome of a claimed request: its response kept, or the key given back.
void finish_claimed(IdempotencyKeys& keys, const http::Request& request,
                    const http::Response& response, const std::string& scope,
                    const std::string& key, const std::string& claim_id) {
  Status stored;
  if (kept_for_replay(response.status)) {
    auto completed = keys.complete(scope, key, claim_id, stored_of(response));
    if (!completed) stored = std::unexpected(completed.error());
  } else {
    stored = keys.release(scope, key, claim_id);
  }
  log_store_failure(keys, request, stored);
}

// Runs the claimed request and records its outcome; the claim is given back when the handler
// throws, so that a retry runs again.
http::Response run_claimed(IdempotencyKeys& keys, http::Request& request,
                           const http::Handler& handler, const std::string& scope,
                           const std::string& key, const std::string& claim_id) {
  http::Response response;
  try {
    response = handler(request);
  } catch (...) {
    if (!keys.release(scope, key, claim_id)) keys.metrics().store_failures.inc();
    throw;
  }
  finish_claimed(keys, request, response, scope, key, claim_id);
  return response;
}

// The KeyInTransaction of the request whose handler runs on this thread.
thread_local const http::Request* bound_request = nullptr;
thread_local KeyInTransaction* bound_key = nullptr;

class Binding {
 public:
  Binding(const http::Request& request, KeyInTransaction& key)
      : outer_request_(std::exchange(bound_request, &request)),
        outer_key_(std::exchange(bound_key, &key)) {}
  ~Binding() {
    bound_request = outer_request_;
    bound_key = outer_key_;
  }
  Binding(const Binding&) = delete;
  Binding& operator=(const Binding&) = delete;

 private:
  const http::Request* outer_request_;
  KeyInTransaction* outer_key_;
};

// A route whose handler writes the key (idempotent_in_handler): one read before the
// handler; afterwards the key is written by the hook only for responses the handler did not
// write (refusals before its transaction, or a handler that never took the key).
http::Response run_key_in_handler(IdempotencyKeys& keys, http::Request& request,
                                  const http::Handler& handler, const std::string& scope,
                                  const std::string& key, const std::string& fingerprint) {
  auto held = keys.find(scope, key, fingerprint);
  if (!held) return storage_failed(keys, request, held.error());
  if (*held) return answer_held(keys, request, **held);
  keys.metrics().claimed.inc();
  KeyInTransaction own(keys, scope, key, fingerprint);
  http::Response response;
  try {
    const Binding binding(request, own);
    response = handler(request);
  } catch (...) {
    if (!own.claim_id().empty() && !keys.release(scope, key, own.claim_id()))
      keys.metrics().store_failures.inc();
    throw;
  }
  if (own.lost()) {
    // A concurrent request with the key came first: answer as it did (or 409 while it runs).
    auto first = keys.find(scope, key, fingerprint);
    if (!first) return storage_failed(keys, request, first.error());
    return answer_held(keys, request, first->value_or(Claim{ClaimOutcome::in_flight, {}, {}}));
  }
  if (own.written() && response.status < 400) return response;
  if (!own.claim_id().empty()) {
    finish_claimed(keys, request, response, scope, key, own.claim_id());
    return response;
  }
  if (!kept_for_replay(response.status)) {
    // A concurrent request with the key may have finished while this one ran, so that this one
    // found the work done (the cart checked out): the first answer is the key's.
    auto first = keys.find(scope, key, fingerprint);
    if (first && *first && (*first)->outcome == ClaimOutcome::replay)
      return answer_held(keys, request, **first);
    return response;
  }
  auto stored = keys.store_answer(scope, key, fingerprint, stored_of(response));
  if (!stored) {
    log_store_failure(keys, request, std::unexpected(stored.error()));
    return response;
  }
  if (*stored) return response;
  // Another request with the key answered first: its answer is the key's.
  auto first = keys.find(scope, key, fingerprint);
  if (!first) return storage_failed(keys, request, first.error());
  return answer_held(keys, request, first->value_or(Claim{ClaimOutcome::in_flight, {}, {}}));
}

http::Response run_idempotent(IdempotencyKeys& keys, http::Request& request,
                              const http::Route& route, const http::Handler& handler) {
  const auto header = request.header("Idempotency-Key");
  if (!header) return handler(request);
  if (!valid_key(*header)) {
    return refused(request, ErrorCode::bad_request,
                   "Idempotency-Key must be 1 to 255 printable ASCII characters");
  }
  if (!RF_INVARIANT(request.principal.has_value(), "idempotent routes are authenticated"))
    return refused(request, ErrorCode::internal, "an internal error occurred; it has been logged");
  const std::string scope = request.principal->subject;
  const std::string key(*header);
  const auto fingerprint = request_fingerprint(request);
  if (writes_key_in_handler(route))
    return run_key_in_handler(keys, request, handler, scope, key, fingerprint);
  auto claim = keys.claim(scope, key, fingerprint);
  if (!claim) return storage_failed(keys, request, claim.error());
  if (claim->outcome != ClaimOutcome::claimed) return answer_held(keys, request, *claim);
  keys.metrics().claimed.inc();
  return run_claimed(keys, request, handler, scope, key, claim->claim_id);
}

}  // namespace

KeyInTransaction::KeyInTransaction(IdempotencyKeys& keys, std::string scope, std::string key,
                                   std::string fingerprint)
    : keys_(keys),
      scope_(std::move(scope)),
      key_(std::move(key)),
      fingerprint_(std::move(fingerprint)) {}

Result<bool> KeyInTransaction::claim() {
  RF_TRY(claimed, keys_.claim(scope_, key_, fingerprint_));
  if (claimed->outcome != ClaimOutcome::claimed) {
    lost_ = true;
    return false;
  }
  claim_id_ = claimed->claim_id;
  return true;
}

Status KeyInTransaction::take(store::Transaction& tx) {
  if (!claim_id_.empty()) return {};
  taken_id_ = store::new_uuid_v7();
  RF_TRY(taken, keys_.claim_in(tx, scope_, key_, fingerprint_, taken_id_));
  if (*taken) return {};
  lost_ = true;
  return fail(ErrorCode::idempotency_key_in_use,
              "another request with this Idempotency-Key came first");
}

Status KeyInTransaction::write(store::Transaction& tx, const StoredResponse& response) {
  RF_TRY(completed,
         keys_.complete_in(tx, scope_, key_, claim_id_.empty() ? taken_id_ : claim_id_, response));
  if (!*completed) {
    lost_ = true;
    return fail(ErrorCode::idempotency_key_in_use,
                "another request with this Idempotency-Key took it over");
  }
  written_ = true;
  return {};
}

KeyInTransaction* key_in_transaction(const http::Request& request) {
  return bound_request == &request ? bound_key : nullptr;
}

namespace {

struct MarkedRoutes {
  std::mutex mutex;
  std::set<std::pair<http::Method, std::string>> routes;  // guarded by mutex
};

MarkedRoutes& marked_routes() {
  static MarkedRoutes marked;
  return marked;
}

}  // namespace

http::Route idempotent_in_handler(http::Route route) {
  auto& marked = marked_routes();
  {
    const std::lock_guard lock(marked.mutex);
    marked.routes.emplace(route.method, route.pattern);
  }
  return http::idempotent(std::move(route));
}

bool writes_key_in_handler(const http::Route& route) {
  auto& marked = marked_routes();
  const std::lock_guard lock(marked.mutex);
  return marked.routes.contains({route.method, route.pattern});
}

std::string request_fingerprint(const http::Request& request) {
  std::string input(http::method_name(request.method));
  input += ' ';
  input += request.target;
  input += '\n';
  input += request.body;
  return sha256_hex(input);
}

http::IdempotencyHook idempotency_hook(IdempotencyKeys& keys) {
  return [&keys](http::Request& request, const http::Route& route, const http::Handler& handler) {
    return run_idempotent(keys, request, route, handler);
  };
}

}  // namespace reskflow::modules

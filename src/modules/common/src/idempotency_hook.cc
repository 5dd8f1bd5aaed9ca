// The router's idempotency hook: reads Idempotency-Key, claims it for the caller, replays or
// refuses, runs the handler once and stores its response (docs/idempotency.md).
#include "reskflow/core/assert.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/digest.h"
#include "reskflow/modules/idempotency.h"

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
  Status stored;
  if (kept_for_replay(response.status)) {
    auto completed = keys.complete(scope, key, claim_id,
                                   {response.status, response.content_type, response.headers,
                                    std::string(response.payload())});
    if (!completed) stored = std::unexpected(completed.error());
  } else {
    stored = keys.release(scope, key, claim_id);
  }
  if (!stored) {
    keys.metrics().store_failures.inc();
    log::error("idempotency_store_failed",
               {{"route", request.route}, {"detail", stored.error().detail}});
  }
  return response;
}

http::Response run_idempotent(IdempotencyKeys& keys, http::Request& request,
                              const http::Handler& handler) {
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
  auto claim = keys.claim(scope, key, request_fingerprint(request));
  if (!claim) {
    keys.metrics().store_failures.inc();
    log::error("idempotency_claim_failed",
               {{"route", request.route}, {"detail", claim.error().detail}});
    return http::problem(claim.error(), request.request_id, request.path);
  }
  switch (claim->outcome) {
    case ClaimOutcome::replay: keys.metrics().replayed.inc(); return replayed(claim->response);
    case ClaimOutcome::mismatch:
      keys.metrics().reused.inc();
      return refused(request, ErrorCode::idempotency_key_reused,
                     "this Idempotency-Key was used with a different request (method, path or "
                     "body); use a new key for a new request");
    case ClaimOutcome::in_flight: {
      keys.metrics().in_flight.inc();
      auto r = refused(request, ErrorCode::idempotency_key_in_use,
                       "the first request with this Idempotency-Key is still in progress; retry "
                       "shortly to get its response");
      r.set_header("Retry-After", "1");
      return r;
    }
    case ClaimOutcome::claimed: break;
  }
  keys.metrics().claimed.inc();
  return run_claimed(keys, request, handler, scope, key, claim->claim_id);
}

}  // namespace

std::string request_fingerprint(const http::Request& request) {
  std::string input(http::method_name(request.method));
  input += ' ';
  input += request.target;
  input += '\n';
  input += request.body;
  return sha256_hex(input);
}

http::IdempotencyHook idempotency_hook(IdempotencyKeys& keys) {
  return [&keys](http::Request& request, const http::Route&, const http::Handler& handler) {
    return run_idempotent(keys, request, handler);
  };
}

}  // namespace reskflow::modules

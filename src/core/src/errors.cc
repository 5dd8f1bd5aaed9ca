// The one table mapping each stable error code to its HTTP status and problem type.
#include "reskflow/core/errors.h"

#include <array>

#include "reskflow/core/assert.h"

namespace reskflow {
namespace {

constexpr std::array<ErrorInfo, static_cast<std::size_t>(error_code_max)> table{{
    {ErrorCode::bad_request, 400, "bad-request", "Bad request"},
    {ErrorCode::validation_failed, 422, "validation-failed", "The request has invalid fields"},
    {ErrorCode::not_found, 404, "not-found", "Not found"},
    {ErrorCode::method_not_allowed, 405, "method-not-allowed", "Method not allowed"},
    {ErrorCode::conflict, 409, "conflict", "Conflict"},
    {ErrorCode::payload_too_large, 413, "payload-too-large", "Request body too large"},
    {ErrorCode::unsupported_media_type, 415, "unsupported-media-type", "Unsupported media type"},
    {ErrorCode::rate_limited, 429, "rate-limited", "Too many requests"},
    {ErrorCode::unauthenticated, 401, "unauthenticated", "Authentication required"},
    {ErrorCode::forbidden, 403, "forbidden", "Forbidden"},
    {ErrorCode::internal, 500, "internal", "Internal server error"},
    {ErrorCode::unavailable, 503, "unavailable", "Service unavailable"},
    {ErrorCode::timeout, 504, "timeout", "The operation timed out"},
    {ErrorCode::invalid_transition, 409, "invalid-transition", "Invalid state transition"},
    {ErrorCode::precondition_failed, 412, "precondition-failed", "Precondition failed"},
    {ErrorCode::storage_busy, 503, "storage-busy", "Storage is busy, retry shortly"},
    {ErrorCode::schema_too_new, 500, "schema-too-new",
     "The database schema is newer than this binary"},
    {ErrorCode::not_acceptable, 406, "not-acceptable", "Not acceptable"},
    {ErrorCode::idempotency_key_reused, 422, "idempotency-key-reused",
     "The Idempotency-Key was used with another request"},
    {ErrorCode::idempotency_key_in_use, 409, "idempotency-key-in-use",
     "A request with this Idempotency-Key is still in progress"},
    {ErrorCode::insufficient_scope, 403, "insufficient-scope",
     "The API key lacks the scope this route needs"},
    {ErrorCode::payment_declined, 402, "payment-declined", "The payment was declined"},
}};

// Row i holds code i + 1, so every code from 1 to error_code_max has exactly one row.
constexpr bool rows_follow_the_codes() {
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (static_cast<std::size_t>(table[i].code) != i + 1) return false;
  }
  return true;
}
static_assert(rows_follow_the_codes(),
              "the error table's rows must be the codes 1..error_code_max");

}  // namespace

const ErrorInfo& error_info(ErrorCode code) {
  for (const auto& info : table) {
    if (info.code == code) return info;
  }
  panic("error_info", "an ErrorCode has no row in the error table");
}

std::string problem_type(ErrorCode code) {
  return "urn:reskflow:problem:" + std::string(error_info(code).slug);
}

std::string omitted_field_errors_note(std::size_t total) {
  return "the first " + std::to_string(field_errors_max) + " of " + std::to_string(total) +
         " field errors are listed";
}

}  // namespace reskflow

// Stable error codes, the typed Error every expected failure returns, and Result<T>.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace reskflow {

// Never renumber or reuse a value: clients and logs keep them. Add new codes at the end.
enum class ErrorCode : std::uint16_t {
  bad_request = 1,
  validation_failed = 2,
  not_found = 3,
  method_not_allowed = 4,
  conflict = 5,
  payload_too_large = 6,
  unsupported_media_type = 7,
  rate_limited = 8,
  unauthenticated = 9,
  forbidden = 10,
  internal = 11,
  unavailable = 12,
  timeout = 13,
  invalid_transition = 14,
  precondition_failed = 15,
  storage_busy = 16,
  schema_too_new = 17,
  not_acceptable = 18,
  idempotency_key_reused = 19,  // the key came with another request before
  idempotency_key_in_use = 20,  // the key's first request is still running
  insufficient_scope = 21,
  payment_declined = 22,  // the payment provider refused the card or the amount
};

// One field-level problem, e.g. {"email", "must be a valid email address"}.
struct FieldError {
  std::string field;
  std::string message;
};

// A problem lists at most this many field errors: a body of a hundred thousand unknown keys
// gets the first ones and a count, not a response four times its size.
inline constexpr std::size_t field_errors_max = 50;

// What a detail says when only the first field_errors_max of `total` field errors are listed.
std::string omitted_field_errors_note(std::size_t total);

// An RFC 9457 extension member of a problem, e.g. {"required_scope", "optimize:write"}.
struct ProblemMember {
  std::string name;
  std::string value;
};

struct Error {
  ErrorCode code = ErrorCode::internal;
  std::string detail;
  std::vector<FieldError> fields;
  std::vector<ProblemMember> members;  // rendered beside type, title, status and detail
};

template <class T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string detail,
                                   std::vector<FieldError> fields = {}) {
  return std::unexpected(Error{code, std::move(detail), std::move(fields)});
}

// Evaluates expr (a Result or Status); on failure returns its error from the enclosing
// function, which must return a Result or Status. `name` declares a variable, so it cannot be
// parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define RF_TRY(name, expr) \
  auto name = (expr);      \
  if (!name) return std::unexpected(name.error())
// NOLINTEND(bugprone-macro-parentheses)

// The mapping of a code to HTTP: status, problem type URI and short title (errors.cc).
struct ErrorInfo {
  ErrorCode code;
  int http_status;
  std::string_view slug;  // problem type is "urn:reskflow:problem:<slug>"
  std::string_view title;
};

const ErrorInfo& error_info(ErrorCode code);
std::string problem_type(ErrorCode code);

// The highest code in use; every value from 1 to it has a row in the table (checked where the
// table is written, so a new code cannot be left out of it).
inline constexpr ErrorCode error_code_max = ErrorCode::payment_declined;

}  // namespace reskflow

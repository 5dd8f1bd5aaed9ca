// The three assertion tiers (STYLE.md "Errors"): RF_ASSERT, RF_INVARIANT, RF_PANIC.
// User input never reaches an assertion: bad input is an Error returned to the caller.
#pragma once

#include <source_location>
#include <string_view>

namespace reskflow {

[[noreturn]] void panic(std::string_view condition, std::string_view message,
                        std::source_location where = std::source_location::current());

// Logs and counts a broken invariant in release builds; aborts in debug and sanitizer builds.
// Returns normally only in release, where the caller fails its request with a 500.
void invariant_failed(std::string_view condition, std::string_view message,
                      std::source_location where = std::source_location::current());

// Number of invariant failures seen by this process (exported as a metric).
unsigned long invariant_failures();

}  // namespace reskflow

// Debug only: costs nothing in release builds.
#ifdef NDEBUG
#define RF_ASSERT(cond) static_cast<void>(0)
#else
#define RF_ASSERT(cond) \
  ((cond) ? static_cast<void>(0) : ::reskflow::panic(#cond, "debug assertion"))
#endif

// A bug that must not take the node down in production: evaluates to true when it holds.
// if (!RF_INVARIANT(x > 0, "why")) return fail(ErrorCode::internal, "...");
#define RF_INVARIANT(cond, msg) ((cond) ? true : (::reskflow::invariant_failed(#cond, msg), false))

// Corruption that would spread (an unbalanced ledger transaction, an outbox gap): always aborts.
#define RF_PANIC(cond, msg) ((cond) ? static_cast<void>(0) : ::reskflow::panic(#cond, msg))

// Implementation of the assertion tiers: abort with context, or log and count.
#include "reskflow/core/assert.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>

#include "reskflow/core/log.h"

namespace reskflow {
namespace {
std::atomic<unsigned long> invariant_failure_count{0};

#if defined(NDEBUG) && !defined(RESKFLOW_SANITIZED)
constexpr bool invariant_aborts = false;
#else
constexpr bool invariant_aborts = true;
#endif
}  // namespace

void panic(std::string_view condition, std::string_view message, std::source_location where) {
  std::fprintf(stderr, "reskflow: panic: %.*s (%.*s) at %s:%u\n", static_cast<int>(message.size()),
               message.data(), static_cast<int>(condition.size()), condition.data(),
               where.file_name(), static_cast<unsigned>(where.line()));
  std::fflush(stderr);
  std::abort();
}

void invariant_failed(std::string_view condition, std::string_view message,
                      std::source_location where) {
  invariant_failure_count.fetch_add(1, std::memory_order_relaxed);
  if constexpr (invariant_aborts) {
    panic(condition, message, where);
  } else {
    log::error("invariant_failed", {{"condition", condition},
                                    {"message", message},
                                    {"file", where.file_name()},
                                    {"line", static_cast<std::int64_t>(where.line())}});
  }
}

unsigned long invariant_failures() {
  return invariant_failure_count.load(std::memory_order_relaxed);
}

}  // namespace reskflow

// UUIDv7 ids (RFC 9562): 48-bit Unix milliseconds, then random bits from the OS CSPRNG, so ids
// sort by creation time. Monotonic within one generator even inside one millisecond.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace reskflow::store {

using Uuid = std::array<std::byte, 16>;

// "0190f0e4-5c1d-7a3b-9f00-1c2d3e4f5a6b": lowercase, 36 characters.
std::string to_string(const Uuid& uuid);

class UuidV7Generator {
 public:
  using UnixMillisClock = std::function<std::int64_t()>;
  using RandomSource = std::function<void(std::byte* out, std::size_t bytes)>;

  // Defaults: the system clock and getrandom(2).
  UuidV7Generator();
  UuidV7Generator(UnixMillisClock clock, RandomSource random);

  Uuid next();
  std::string next_string() { return to_string(next()); }

 private:
  std::mutex mutex_;
  UnixMillisClock clock_;
  RandomSource random_;
  std::int64_t last_ms_ = 0;   // guarded by mutex_
  std::uint16_t counter_ = 0;  // 12-bit rand_a, guarded by mutex_
};

// A new UUIDv7 string from a process-wide generator (thread-safe).
std::string new_uuid_v7();

// Microseconds since the Unix epoch, UTC: how times are stored.
std::int64_t unix_now_us();

}  // namespace reskflow::store

// UUIDv7 generation (RFC 9562 §5.7, monotonic counter in rand_a as in §6.2 method 1).
#include "reskflow/store/uuid.h"

#include <sys/random.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace reskflow::store {
namespace {

constexpr std::uint16_t counter_max = 0x0fff;        // rand_a is 12 bits
constexpr std::uint16_t counter_seed_mask = 0x07ff;  // leave half the range to count up

void os_random(std::byte* out, std::size_t bytes) {
  while (bytes > 0) {
    const ssize_t got = getrandom(out, bytes, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      std::perror("reskflow::store: getrandom");
      std::abort();
    }
    out += got;
    bytes -= static_cast<std::size_t>(got);
  }
}

std::int64_t system_unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::string to_string(const Uuid& uuid) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    const auto byte = std::to_integer<unsigned>(uuid[i]);
    out.push_back(hex[byte >> 4]);
    out.push_back(hex[byte & 0x0f]);
  }
  return out;
}

UuidV7Generator::UuidV7Generator() : UuidV7Generator(system_unix_ms, os_random) {}

UuidV7Generator::UuidV7Generator(UnixMillisClock clock, RandomSource random)
    : clock_(std::move(clock)), random_(std::move(random)) {}

Uuid UuidV7Generator::next() {
  std::array<std::byte, 10> random{};
  random_(random.data(), random.size());
  const auto fresh_counter = [&] {
    return static_cast<std::uint16_t>(
        ((std::to_integer<unsigned>(random[8]) << 8) | std::to_integer<unsigned>(random[9])) &
        counter_seed_mask);
  };
  const std::lock_guard lock(mutex_);
  std::int64_t ms = clock_();
  if (ms <= last_ms_) {  // same millisecond, or the clock stepped back: keep counting up
    ms = last_ms_;
    if (counter_ < counter_max) {
      ++counter_;
    } else {
      ms = last_ms_ + 1;
      counter_ = fresh_counter();
    }
  } else {
    counter_ = fresh_counter();
  }
  last_ms_ = ms;
  Uuid uuid{};
  const auto unsigned_ms = static_cast<std::uint64_t>(ms);
  for (std::size_t i = 0; i < 6; ++i) {
    uuid[i] = static_cast<std::byte>((unsigned_ms >> (8 * (5 - i))) & 0xff);
  }
  uuid[6] = static_cast<std::byte>(0x70 | ((counter_ >> 8) & 0x0f));
  uuid[7] = static_cast<std::byte>(counter_ & 0xff);
  uuid[8] = static_cast<std::byte>(0x80 | (std::to_integer<unsigned>(random[0]) & 0x3f));
  for (std::size_t i = 9; i < 16; ++i) uuid[i] = random[i - 8];
  return uuid;
}

std::string new_uuid_v7() {
  static UuidV7Generator generator;  // function-local: built on first use, no init-order issue
  return generator.next_string();
}

std::int64_t unix_now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace reskflow::store

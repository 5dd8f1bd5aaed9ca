// A small deterministic random source (SplitMix64) whose outputs are the same on every
// platform and standard library, unlike std::uniform_int_distribution's.
#pragma once

#include <cstdint>

namespace reskflow::demo {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [low, high] (inclusive; the modulo bias is irrelevant at these sizes).
  std::int64_t between(std::int64_t low, std::int64_t high) {
    const auto span = static_cast<std::uint64_t>(high - low) + 1;
    return low + static_cast<std::int64_t>(next() % span);
  }

  // A new source derived from this one and a salt: one stream per merchant, so adding a
  // merchant does not change the others.
  Rng fork(std::uint64_t salt) const { return Rng(state_ ^ (salt * 0xD1B54A32D192ED03ULL)); }

 private:
  std::uint64_t state_;
};

}  // namespace reskflow::demo

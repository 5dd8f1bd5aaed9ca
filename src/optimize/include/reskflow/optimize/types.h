// Scalar types, multi-dimensional amounts, time windows and errors of the optimization library.
// Everything is an integer scaled from the user's units (VROOM's typedefs.h idea).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

namespace reskflow::optimize {

using Cost = std::int64_t;
using Duration = std::int64_t;
using Distance = std::int64_t;

inline constexpr Duration duration_max = std::numeric_limits<Duration>::max() / 8;
inline constexpr Cost cost_max = std::numeric_limits<Cost>::max() / 8;
inline constexpr std::size_t no_index = std::numeric_limits<std::size_t>::max();
inline constexpr std::size_t amount_dims_max = 4;

// A quantity in up to amount_dims_max dimensions (weight, volume, items, ...); unused ones are 0.
struct Amount {
  std::array<std::int64_t, amount_dims_max> values{};

  friend Amount operator+(Amount a, const Amount& b) {
    for (std::size_t i = 0; i < amount_dims_max; ++i) a.values[i] += b.values[i];
    return a;
  }
  friend Amount operator-(Amount a, const Amount& b) {
    for (std::size_t i = 0; i < amount_dims_max; ++i) a.values[i] -= b.values[i];
    return a;
  }
  Amount& operator+=(const Amount& b) { return *this = *this + b; }
  Amount& operator-=(const Amount& b) { return *this = *this - b; }
  friend bool operator==(const Amount&, const Amount&) = default;

  // True when every dimension is at most the capacity's.
  [[nodiscard]] bool fits_in(const Amount& capacity) const {
    for (std::size_t i = 0; i < amount_dims_max; ++i) {
      if (values[i] > capacity.values[i]) return false;
    }
    return true;
  }
  [[nodiscard]] bool is_non_negative() const {
    for (const auto v : values) {
      if (v < 0) return false;
    }
    return true;
  }
  [[nodiscard]] std::int64_t sum() const {
    std::int64_t total = 0;
    for (const auto v : values) total += v;
    return total;
  }
};

// Component-wise maximum.
inline Amount max_of(const Amount& a, const Amount& b) {
  Amount out;
  for (std::size_t i = 0; i < amount_dims_max; ++i) {
    out.values[i] = a.values[i] > b.values[i] ? a.values[i] : b.values[i];
  }
  return out;
}

// Service may start at any time in [start, end] (scaled time units).
struct TimeWindow {
  Duration start = 0;
  Duration end = duration_max;
  friend bool operator==(const TimeWindow&, const TimeWindow&) = default;
};

enum class ErrorCode : std::uint8_t { invalid_input, io_error, unsupported_format };

// The error of every fallible call of the library (bad input files, inconsistent problems).
struct Error {
  ErrorCode code = ErrorCode::invalid_input;
  std::string message;
};

}  // namespace reskflow::optimize

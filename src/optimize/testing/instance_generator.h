// Seeded generator of Solomon-style VRPTW and Li & Lim-style PDPTW instances, written in those
// text formats: the optimizer's tests solve these instead of the public benchmark files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace reskflow::optimize::testing {

// Where customers stand on the 100 x 100 grid, after Solomon's classes C, R and RC.
enum class Layout : std::uint8_t {
  clustered,  // around a few centres (C): 90 time units of service, a long horizon
  random,     // uniform (R): 10 units of service, a short horizon
  mixed,      // half clustered, half uniform (RC)
};

// Solomon's series: 1 has a short horizon and small vehicles (many short routes), 2 a long
// horizon and large vehicles (a few long routes).
enum class Series : std::uint8_t { short_horizon = 1, long_horizon = 2 };

struct InstanceSpec {
  std::uint64_t seed = 1;
  Layout layout = Layout::random;
  Series series = Series::short_horizon;
  std::size_t customers = 100;  // VRPTW: customers; PDPTW: nodes, rounded down to an even count
  // Share of the customers with a window narrower than the whole horizon (Solomon: 25-100 %).
  double windowed_share = 0.75;
};

// The instance's name: the class and the seed ("RC2-s7"), so a failing test names both.
std::string instance_name(const InstanceSpec& spec);

// A VRPTW instance in Solomon's format. The same spec always gives the same text. Every
// customer can be served alone (depot, customer, depot) within its window and the depot's
// horizon, and the fleet has one vehicle per customer, so serving everyone is feasible.
std::string generate_solomon(const InstanceSpec& spec);

// A PDPTW instance in Li & Lim's format: customers / 2 pickup-and-delivery pairs, each row in
// a shuffled order. Each pair can be served alone (depot, pickup, delivery, depot) and the fleet
// has one vehicle per pair.
std::string generate_lilim(const InstanceSpec& spec);

}  // namespace reskflow::optimize::testing

// The one problem model behind the route, batching and assignment solvers: locations with
// scaled travel matrices, vehicles, jobs and pickup-and-delivery shipments.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/optimize/matrix.h"
#include "reskflow/optimize/types.h"

namespace reskflow::optimize {

enum class JobType : std::uint8_t { single, pickup, delivery };

// A stop to serve. A shipment is two jobs (pickup then delivery) linked through `sibling`.
struct Job {
  std::uint64_t id = 0;  // the caller's id (the instance's node number)
  JobType type = JobType::single;
  std::size_t location = 0;  // index into the matrices
  Duration service = 0;
  Amount delivery;  // single: loaded at the start, dropped here; shipment: dropped here
  Amount pickup;    // single: picked up here to the end; shipment: loaded here
  std::vector<TimeWindow> time_windows;  // service start; empty means any time
  std::vector<std::uint32_t> skills;     // required skills (cold storage, ...)
  std::int32_t priority = 0;             // 0..100: higher is worse to leave unassigned
  std::size_t sibling = no_index;        // the other job of a shipment
};

struct Vehicle {
  std::uint64_t id = 0;
  std::optional<std::size_t> start;  // location index; none: the route starts at its first job
  std::optional<std::size_t> end;    // none: the route ends at its last job
  Amount capacity;
  TimeWindow time_window;  // shift: leave start at or after start, be back by end
  std::vector<std::uint32_t> skills;
  Cost fixed_cost = 0;                    // paid when the vehicle is used
  std::vector<std::size_t> fixed_prefix;  // jobs already committed, in order, at the route head
  Amount initial_load;                    // on board at the start for jobs not in this problem
  // Filled by make_problem: matrix indices of the route's two ends (a zero-cost virtual
  // location when start or end is absent).
  std::size_t start_index = 0;
  std::size_t end_index = 0;
};

struct Point {
  double x = 0.0;
  double y = 0.0;
};

// Internal units per user unit, to convert results back.
struct Scales {
  double duration = 1.0;
  double distance = 1.0;
  double cost = 1.0;
};

struct Problem {
  std::string name;
  std::vector<Job> jobs;
  std::vector<Vehicle> vehicles;
  Matrix<Duration> durations;  // scaled travel times, rounded up so that feasibility is safe
  Matrix<Distance> distances;  // scaled distances, rounded to nearest
  Matrix<Cost> costs;          // the objective's arc cost (distance for Solomon, time for JSON)
  std::size_t amount_dims = 1;
  Scales scales;
  // Planar coordinates per location when distances are Euclidean; used to report distances
  // in double precision.
  std::vector<Point> coordinates;
  bool euclidean = false;
  std::size_t location_count = 0;  // user locations (the matrices may hold one virtual more)

  // Filled by make_problem.
  std::vector<std::uint8_t> compatibility;  // job * vehicles.size() + vehicle
  std::vector<Cost> unassigned_penalty;     // objective cost of leaving each job out

  [[nodiscard]] bool compatible(std::size_t job, std::size_t vehicle) const {
    return compatibility[job * vehicles.size() + vehicle] != 0;
  }
};

// Validates a draft (matrix sizes, shipments, windows, amounts), normalises it and fills the
// derived fields. Every solver expects a problem that went through here.
std::expected<Problem, Error> make_problem(Problem draft);

}  // namespace reskflow::optimize

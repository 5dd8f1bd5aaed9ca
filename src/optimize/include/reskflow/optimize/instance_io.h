// Instance readers (Solomon, Li & Lim, the JSON problem format close to VROOM's input) and
// the VROOM-shaped JSON solution writer. The only I/O of the library.
#pragma once

#include <expected>
#include <filesystem>
#include <string>
#include <string_view>

#include "reskflow/optimize/problem.h"
#include "reskflow/optimize/solution.h"

namespace reskflow::optimize {

// Internal units per user unit for the benchmark formats (times and distances).
inline constexpr double benchmark_scale = 10'000.0;
// Internal units per second for the JSON format.
inline constexpr double json_duration_scale = 100.0;

std::expected<Problem, Error> parse_solomon(std::string_view text);
std::expected<Problem, Error> parse_lilim(std::string_view text);
std::expected<Problem, Error> parse_problem_json(std::string_view text);

// Detects the format: '{' starts JSON, a first line of three numbers is Li & Lim, anything
// else is read as Solomon.
std::expected<Problem, Error> parse_instance(std::string_view text);
std::expected<Problem, Error> read_instance_file(const std::filesystem::path& path);

// The problem in the JSON input format, with explicit matrices (user units).
std::string problem_to_json(const Problem& problem);

struct SolutionJsonOptions {
  double solving_ms = 0.0;
};
// VROOM's output shape: code, summary, unassigned, routes[].steps[].
std::string solution_to_json(const Problem& problem, const Solution& solution,
                             const SolutionJsonOptions& options = {});
// Reads back routes and unassigned jobs from solution_to_json's output (ids to indices).
std::expected<Solution, Error> parse_solution_json(const Problem& problem, std::string_view text);

}  // namespace reskflow::optimize

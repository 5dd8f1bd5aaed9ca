// Readers of the Solomon (VRPTW) and Li & Lim (PDPTW) text formats and format detection.
// Times and distances are scaled by benchmark_scale; durations are Euclidean rounded up.
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#include "text.h"

#include "reskflow/optimize/instance_io.h"
#include "reskflow/optimize/travel_model.h"

namespace reskflow::optimize {
namespace {

std::unexpected<Error> bad_file(std::string message) {
  return std::unexpected(Error{ErrorCode::invalid_input, std::move(message)});
}

// The numbers of one line; empty when any token is not a number.
std::vector<double> numbers_of(std::string_view line) {
  std::vector<double> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    if (i >= line.size()) break;
    double value = 0.0;
    const auto [end, ec] = std::from_chars(line.data() + i, line.data() + line.size(), value);
    if (ec != std::errc{}) return {};
    out.push_back(value);
    i = static_cast<std::size_t>(end - line.data());
  }
  return out;
}

std::vector<std::vector<double>> numeric_lines(std::string_view text) {
  std::vector<std::vector<double>> rows;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto row = numbers_of(text.substr(start, end - start));
    if (!row.empty()) rows.push_back(std::move(row));
    start = end + 1;
  }
  return rows;
}

std::string first_word(std::string_view text) {
  std::istringstream in{std::string(text.substr(0, 200))};
  std::string word;
  in >> word;
  return word;
}

Duration scaled(double value) {
  return static_cast<Duration>(std::llround(value * benchmark_scale));
}

// Matrices, coordinates and scales of a planar instance.
void fill_planar(Problem& p, const std::vector<Point>& points, double speed) {
  std::vector<GeoPoint> geo;
  geo.reserve(points.size());
  for (const Point& pt : points) geo.push_back(GeoPoint{pt.x, pt.y});
  p.scales = Scales{benchmark_scale, benchmark_scale, benchmark_scale};
  auto matrices = build_matrices(geo, EuclideanModel(speed), p.scales);
  p.durations = std::move(matrices.durations);
  p.costs = matrices.distances;
  p.distances = std::move(matrices.distances);
  p.coordinates = points;
  p.euclidean = true;
}

Vehicle fleet_vehicle(std::size_t index, double capacity, const std::vector<double>& depot_row,
                      std::size_t due_column) {
  Vehicle v;
  v.id = index + 1;
  v.start = 0;
  v.end = 0;
  v.capacity.values[0] = static_cast<std::int64_t>(capacity);
  v.time_window = TimeWindow{scaled(depot_row[due_column - 1]), scaled(depot_row[due_column])};
  return v;
}

bool is_whole_non_negative(double value) { return value >= 0 && value == std::floor(value); }

}  // namespace

std::expected<Problem, Error> parse_solomon(std::string_view text) {
  const auto rows = numeric_lines(text);
  Problem p;
  p.name = first_word(text);
  std::size_t fleet = 0;
  double capacity = 0;
  std::vector<std::vector<double>> nodes;
  for (const auto& row : rows) {
    if (row.size() == 2 && fleet == 0) {
      fleet = static_cast<std::size_t>(row[0]);
      capacity = row[1];
    } else if (row.size() == 7) {
      nodes.push_back(row);
    } else {
      return bad_file("Solomon: unexpected line of " + std::to_string(row.size()) + " numbers");
    }
  }
  if (fleet == 0 || nodes.size() < 2 || !is_whole_non_negative(capacity)) {
    return bad_file("Solomon: missing fleet or customers");
  }
  std::vector<Point> points;
  for (const auto& row : nodes) points.push_back(Point{row[1], row[2]});
  fill_planar(p, points, 1.0);
  for (std::size_t k = 1; k < nodes.size(); ++k) {
    const auto& row = nodes[k];
    if (!is_whole_non_negative(row[3])) return bad_file("Solomon: bad demand");
    Job job;
    job.id = static_cast<std::uint64_t>(row[0]);
    job.location = k;
    job.service = scaled(row[6]);
    job.delivery.values[0] = static_cast<std::int64_t>(row[3]);
    job.time_windows = {TimeWindow{scaled(row[4]), scaled(row[5])}};
    p.jobs.push_back(std::move(job));
  }
  for (std::size_t v = 0; v < fleet; ++v)
    p.vehicles.push_back(fleet_vehicle(v, capacity, nodes[0], 5));
  return make_problem(std::move(p));
}

std::expected<Problem, Error> parse_lilim(std::string_view text) {
  const auto rows = numeric_lines(text);
  if (rows.size() < 3 || rows[0].size() != 3) return bad_file("Li & Lim: missing header");
  const auto fleet = static_cast<std::size_t>(rows[0][0]);
  const double capacity = rows[0][1];
  const double speed = rows[0][2] > 0 ? rows[0][2] : 1.0;
  Problem p;
  std::vector<Point> points;
  for (std::size_t k = 1; k < rows.size(); ++k) {
    if (rows[k].size() != 9 || rows[k][0] != static_cast<double>(k - 1)) {
      return bad_file(format_text("Li & Lim: line {} is not node {} with 9 numbers", k + 1, k - 1));
    }
    points.push_back(Point{rows[k][1], rows[k][2]});
  }
  fill_planar(p, points, speed);
  const std::size_t nodes = points.size();
  for (std::size_t k = 1; k < nodes; ++k) {
    const auto& row = rows[k + 1];
    Job job;
    job.id = static_cast<std::uint64_t>(row[0]);
    job.location = k;
    job.service = scaled(row[6]);
    job.time_windows = {TimeWindow{scaled(row[4]), scaled(row[5])}};
    const auto demand = static_cast<std::int64_t>(row[3]);
    const auto pickup_node = static_cast<std::size_t>(row[7]);
    const auto delivery_node = static_cast<std::size_t>(row[8]);
    if (pickup_node >= nodes || delivery_node >= nodes) return bad_file("Li & Lim: bad sibling");
    if (delivery_node != 0) {
      job.type = JobType::pickup;
      job.pickup.values[0] = demand;
      job.sibling = delivery_node - 1;
    } else if (pickup_node != 0) {
      job.type = JobType::delivery;
      job.delivery.values[0] = -demand;
      job.sibling = pickup_node - 1;
    } else {
      job.delivery.values[0] = demand;
    }
    p.jobs.push_back(std::move(job));
  }
  for (std::size_t v = 0; v < fleet; ++v)
    p.vehicles.push_back(fleet_vehicle(v, capacity, rows[1], 5));
  return make_problem(std::move(p));
}

std::expected<Problem, Error> parse_instance(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return bad_file("the file is empty");
  if (text[first] == '{') return parse_problem_json(text);
  const std::size_t eol = text.find('\n', first);
  const auto head = numbers_of(
      text.substr(first, eol == std::string_view::npos ? text.size() - first : eol - first));
  if (head.size() == 3) return parse_lilim(text);
  return parse_solomon(text);
}

std::expected<Problem, Error> read_instance_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected(Error{ErrorCode::io_error, "cannot open " + path.string()});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  auto problem = parse_instance(buffer.str());
  if (problem && problem->name.empty()) problem->name = path.stem().string();
  return problem;
}

}  // namespace reskflow::optimize

// The JSON problem format, close to VROOM's input: vehicles, jobs, shipments and either
// matrices (location_index) or [lon, lat] locations priced by the great-circle model.
#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <optional>
#include "text.h"

#include "reskflow/optimize/instance_io.h"
#include "reskflow/optimize/travel_model.h"

namespace reskflow::optimize {
namespace json = boost::json;
namespace {

struct Fail {
  std::string message;
};

// Reading helpers throw Fail inside this file only; parse_problem_json turns it into Error.
double number(const json::value& v, const std::string& what) {
  if (v.is_int64()) return static_cast<double>(v.as_int64());
  if (v.is_uint64()) return static_cast<double>(v.as_uint64());
  if (v.is_double()) return v.as_double();
  throw Fail{what + " must be a number"};
}

const json::value* field(const json::object& o, std::string_view key) { return o.if_contains(key); }

std::uint64_t id_of(const json::object& o, const std::string& what) {
  const auto* v = field(o, "id");
  if (v == nullptr) throw Fail{what + " has no id"};
  const double d = number(*v, what + " id");
  if (d < 0 || d != std::floor(d)) throw Fail{what + " id must be a non-negative integer"};
  return static_cast<std::uint64_t>(d);
}

const json::array& array_of(const json::value& v, const std::string& what) {
  if (!v.is_array()) throw Fail{what + " must be an array"};
  return v.as_array();
}

Amount amount_of(const json::object& o, std::string_view key, std::size_t& dims,
                 const std::string& what) {
  Amount a;
  const auto* v = field(o, key);
  if (v == nullptr) return a;
  const auto& arr = array_of(*v, what + " " + std::string(key));
  if (arr.size() > amount_dims_max) throw Fail{what + ": too many amount dimensions"};
  dims = std::max(dims, arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    a.values[i] = static_cast<std::int64_t>(std::llround(number(arr[i], what + " amount")));
  }
  return a;
}

std::vector<std::uint32_t> skills_of(const json::object& o, const std::string& what) {
  std::vector<std::uint32_t> out;
  if (const auto* v = field(o, "skills")) {
    for (const auto& s : array_of(*v, what + " skills")) {
      out.push_back(static_cast<std::uint32_t>(number(s, what + " skill")));
    }
  }
  return out;
}

// Collects locations: indices into given matrices, or coordinates deduplicated in order.
class Locations {
 public:
  explicit Locations(bool indexed) : indexed_(indexed) {}

  std::optional<std::size_t> read(const json::object& o, std::string_view coord_key,
                                  std::string_view index_key, const std::string& what) {
    if (indexed_) {
      const auto* v = field(o, index_key);
      if (v == nullptr) return std::nullopt;
      return static_cast<std::size_t>(number(*v, what + " " + std::string(index_key)));
    }
    const auto* v = field(o, coord_key);
    if (v == nullptr) return std::nullopt;
    const auto& arr = array_of(*v, what + " location");
    if (arr.size() != 2) throw Fail{what + " location must be [lon, lat]"};
    const GeoPoint point{number(arr[0], what), number(arr[1], what)};
    const auto key = std::make_pair(point.lon, point.lat);
    const auto [it, fresh] = index_.try_emplace(key, points_.size());
    if (fresh) points_.push_back(point);
    return it->second;
  }
  std::size_t required(const json::object& o, const std::string& what) {
    auto loc = read(o, "location", "location_index", what);
    if (!loc) throw Fail{what + " has no location"};
    return *loc;
  }
  [[nodiscard]] const std::vector<GeoPoint>& points() const { return points_; }

 private:
  bool indexed_;
  std::map<std::pair<double, double>, std::size_t> index_;
  std::vector<GeoPoint> points_;
};

struct Context {
  Problem& p;
  Locations& locations;
  double time_scale;
};

Duration time_of(const json::value& v, double scale, const std::string& what) {
  return static_cast<Duration>(std::llround(number(v, what) * scale));
}

std::vector<TimeWindow> windows_of(const json::object& o, double scale, const std::string& what) {
  std::vector<TimeWindow> out;
  if (const auto* v = field(o, "time_windows")) {
    for (const auto& w : array_of(*v, what + " time_windows")) {
      const auto& pair = array_of(w, what + " time window");
      if (pair.size() != 2) throw Fail{what + " time window must be [start, end]"};
      out.push_back(TimeWindow{time_of(pair[0], scale, what), time_of(pair[1], scale, what)});
    }
  }
  return out;
}

Job read_job_part(const json::object& o, Context& c, const std::string& what) {
  Job job;
  job.id = id_of(o, what);
  job.location = c.locations.required(o, what);
  if (const auto* v = field(o, "service")) job.service = time_of(*v, c.time_scale, what);
  job.time_windows = windows_of(o, c.time_scale, what);
  return job;
}

void read_jobs(const json::object& root, Context& c) {
  const auto* v = field(root, "jobs");
  if (v == nullptr) return;
  for (const auto& item : array_of(*v, "jobs")) {
    if (!item.is_object()) throw Fail{"a job must be an object"};
    const auto& o = item.as_object();
    Job job = read_job_part(o, c, "job");
    const std::string what = format_text("job {}", job.id);
    job.delivery = amount_of(o, "delivery", c.p.amount_dims, what);
    job.pickup = amount_of(o, "pickup", c.p.amount_dims, what);
    job.skills = skills_of(o, what);
    if (const auto* pr = field(o, "priority"))
      job.priority = static_cast<std::int32_t>(number(*pr, what));
    c.p.jobs.push_back(std::move(job));
  }
}

void read_shipments(const json::object& root, Context& c) {
  const auto* v = field(root, "shipments");
  if (v == nullptr) return;
  for (const auto& item : array_of(*v, "shipments")) {
    if (!item.is_object()) throw Fail{"a shipment must be an object"};
    const auto& o = item.as_object();
    const auto* pick = field(o, "pickup");
    const auto* drop = field(o, "delivery");
    if (pick == nullptr || drop == nullptr || !pick->is_object() || !drop->is_object()) {
      throw Fail{"a shipment needs pickup and delivery objects"};
    }
    Job p = read_job_part(pick->as_object(), c, "shipment pickup");
    Job d = read_job_part(drop->as_object(), c, "shipment delivery");
    const std::string what = format_text("shipment {}", p.id);
    const Amount amount = amount_of(o, "amount", c.p.amount_dims, what);
    p.type = JobType::pickup;
    d.type = JobType::delivery;
    p.pickup = amount;
    d.delivery = amount;
    p.skills = d.skills = skills_of(o, what);
    if (const auto* pr = field(o, "priority")) {
      p.priority = d.priority = static_cast<std::int32_t>(number(*pr, what));
    }
    const std::size_t at = c.p.jobs.size();
    p.sibling = at + 1;
    d.sibling = at;
    c.p.jobs.push_back(std::move(p));
    c.p.jobs.push_back(std::move(d));
  }
}

void read_vehicles(const json::object& root, Context& c) {
  const auto* v = field(root, "vehicles");
  if (v == nullptr) throw Fail{"the problem has no vehicles"};
  for (const auto& item : array_of(*v, "vehicles")) {
    if (!item.is_object()) throw Fail{"a vehicle must be an object"};
    const auto& o = item.as_object();
    Vehicle vehicle;
    vehicle.id = id_of(o, "vehicle");
    const std::string what = format_text("vehicle {}", vehicle.id);
    vehicle.start = c.locations.read(o, "start", "start_index", what);
    vehicle.end = c.locations.read(o, "end", "end_index", what);
    vehicle.capacity = amount_of(o, "capacity", c.p.amount_dims, what);
    if (field(o, "capacity") == nullptr) vehicle.capacity.values.fill(std::int64_t{1} << 40);
    if (const auto* tw = field(o, "time_window")) {
      const auto& pair = array_of(*tw, what + " time_window");
      if (pair.size() != 2) throw Fail{what + " time_window must be [start, end]"};
      vehicle.time_window =
          TimeWindow{time_of(pair[0], c.time_scale, what), time_of(pair[1], c.time_scale, what)};
    }
    vehicle.skills = skills_of(o, what);
    if (const auto* f = field(o, "fixed_cost"))
      vehicle.fixed_cost = static_cast<Cost>(number(*f, what));
    c.p.vehicles.push_back(std::move(vehicle));
  }
}

template <typename T>
Matrix<T> matrix_of(const json::value& v, double scale, bool round_up, const std::string& what) {
  const auto& rows = array_of(v, what);
  Matrix<T> m(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = array_of(rows[i], what + " row");
    if (row.size() != rows.size()) throw Fail{what + " must be square"};
    for (std::size_t j = 0; j < row.size(); ++j) {
      const double x = number(row[j], what) * scale;
      m.at(i, j) = round_up ? static_cast<T>(std::ceil(x - 1e-7)) : static_cast<T>(std::llround(x));
    }
  }
  return m;
}

const json::object* matrix_set(const json::object& root) {
  if (const auto* m = field(root, "matrices"); m != nullptr && m->is_object()) {
    for (const auto& [name, profile] : m->as_object()) {
      if (profile.is_object()) return &profile.as_object();
    }
  }
  return nullptr;
}

void read_options(const json::object& root, Problem& p, bool& by_distance) {
  p.scales = Scales{json_duration_scale, 1.0, json_duration_scale};
  const auto* v = field(root, "options");
  if (v == nullptr || !v->is_object()) return;
  const auto& o = v->as_object();
  if (const auto* s = field(o, "duration_scale")) p.scales.duration = number(*s, "duration_scale");
  if (const auto* s = field(o, "distance_scale")) p.scales.distance = number(*s, "distance_scale");
  if (const auto* s = field(o, "objective"); s != nullptr && s->is_string()) {
    by_distance = s->as_string() == "distance";
    if (s->as_string() != "distance" && s->as_string() != "duration") {
      throw Fail{"options.objective must be \"duration\" or \"distance\""};
    }
  }
  if (p.scales.duration <= 0 || p.scales.distance <= 0) throw Fail{"scales must be positive"};
  if (const auto* n = field(o, "name"); n != nullptr && n->is_string()) p.name = n->as_string();
}

void read_travel(const json::object& root, Problem& p, const Locations& locations,
                 bool by_distance) {
  const json::object* set = matrix_set(root);
  const json::value* legacy = field(root, "matrix");
  if (set != nullptr || legacy != nullptr) {
    const json::value* durations = set != nullptr ? field(*set, "durations") : legacy;
    if (durations == nullptr) throw Fail{"matrices need durations"};
    p.durations = matrix_of<Duration>(*durations, p.scales.duration, true, "durations");
    if (const auto* d = set != nullptr ? field(*set, "distances") : nullptr) {
      p.distances = matrix_of<Distance>(*d, p.scales.distance, false, "distances");
    }
  } else {
    auto m = build_matrices(locations.points(), GreatCircleModel(), p.scales);
    p.durations = std::move(m.durations);
    p.distances = std::move(m.distances);
  }
  if (p.distances.empty()) p.distances = Matrix<Distance>(p.durations.size());  // unknown: 0
  p.costs = by_distance ? p.distances : p.durations;
  p.scales.cost = by_distance ? p.scales.distance : p.scales.duration;
}

}  // namespace

std::expected<Problem, Error> parse_problem_json(std::string_view text) {
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec) return std::unexpected(Error{ErrorCode::invalid_input, "JSON: " + ec.message()});
  if (!doc.is_object())
    return std::unexpected(Error{ErrorCode::invalid_input, "JSON: not an object"});
  const auto& root = doc.as_object();
  try {
    Problem p;
    bool by_distance = false;
    read_options(root, p, by_distance);
    Locations locations(matrix_set(root) != nullptr || field(root, "matrix") != nullptr);
    Context c{p, locations, p.scales.duration};
    read_jobs(root, c);
    read_shipments(root, c);
    read_vehicles(root, c);
    if (p.amount_dims == 0) p.amount_dims = 1;
    read_travel(root, p, locations, by_distance);
    return make_problem(std::move(p));
  } catch (const Fail& f) {
    return std::unexpected(Error{ErrorCode::invalid_input, "JSON: " + f.message});
  }
}

}  // namespace reskflow::optimize

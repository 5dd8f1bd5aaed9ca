// JSON writers (the problem with explicit matrices; the solution in VROOM's output shape)
// and the reader of solutions written by solution_to_json.
#include <boost/json.hpp>
#include <cmath>
#include <map>

#include "reskflow/core/json_text.h"
#include "reskflow/optimize/instance_io.h"

namespace reskflow::optimize {
namespace json = boost::json;
namespace {

// A scaled integer in user units: an integer when exact, a double otherwise.
json::value user(std::int64_t value, double scale) {
  const double x = static_cast<double>(value) / scale;
  if (x == std::floor(x) && std::abs(x) < 9e15) return json::value(static_cast<std::int64_t>(x));
  return json::value(x);
}

json::array amount_json(const Amount& a, std::size_t dims) {
  json::array out;
  for (std::size_t i = 0; i < dims; ++i) out.push_back(json::value(a.values[i]));
  return out;
}

template <typename T>
json::array matrix_json(const Matrix<T>& m, std::size_t size, double scale) {
  json::array rows;
  for (std::size_t i = 0; i < size; ++i) {
    json::array row;
    for (std::size_t j = 0; j < size; ++j) row.push_back(user(m(i, j), scale));
    rows.push_back(std::move(row));
  }
  return rows;
}

json::array windows_json(const std::vector<TimeWindow>& windows, double scale) {
  json::array out;
  for (const auto& w : windows)
    out.push_back(json::array{user(w.start, scale), user(w.end, scale)});
  return out;
}

json::array skills_json(const std::vector<std::uint32_t>& skills) {
  json::array out;
  for (const auto s : skills) out.push_back(json::value(s));
  return out;
}

json::object job_part_json(const Problem& p, const Job& job) {
  json::object o;
  o["id"] = job.id;
  o["location_index"] = job.location;
  o["service"] = user(job.service, p.scales.duration);
  o["time_windows"] = windows_json(job.time_windows, p.scales.duration);
  return o;
}

json::object vehicle_json(const Problem& p, const Vehicle& v) {
  json::object o;
  o["id"] = v.id;
  if (v.start) o["start_index"] = *v.start;
  if (v.end) o["end_index"] = *v.end;
  o["capacity"] = amount_json(v.capacity, p.amount_dims);
  o["time_window"] = json::array{user(v.time_window.start, p.scales.duration),
                                 user(v.time_window.end, p.scales.duration)};
  o["skills"] = skills_json(v.skills);
  o["fixed_cost"] = v.fixed_cost;
  return o;
}

const char* type_name(JobType type) {
  switch (type) {
    case JobType::single: return "job";
    case JobType::pickup: return "pickup";
    case JobType::delivery: return "delivery";
  }
  return "job";
}

json::object step_json(const Problem& p, const StepTiming& t, std::string_view type, const Job* job,
                       std::size_t location) {
  json::object o;
  o["type"] = type;
  if (job != nullptr) {
    o["id"] = job->id;
    o["service"] = user(job->service, p.scales.duration);
  }
  if (location < p.location_count) o["location_index"] = location;
  o["arrival"] = user(t.service_start - t.waiting, p.scales.duration);
  o["duration"] = user(t.travel, p.scales.duration);
  o["waiting_time"] = user(t.waiting, p.scales.duration);
  o["load"] = amount_json(t.load, p.amount_dims);
  o["distance"] = user(t.distance, p.scales.distance);
  return o;
}

struct Totals {
  Amount delivery;
  Amount pickup;
  Duration service = 0;
  Duration duration = 0;
  Duration waiting = 0;
  Cost cost = 0;
  std::int64_t priority = 0;
};

json::object route_json(const Problem& p, const Route& route, Totals& totals) {
  const RouteSchedule s = compute_schedule(p, route);
  const Vehicle& v = p.vehicles[route.vehicle];
  json::array steps;
  steps.push_back(step_json(p, s.steps.front(), "start", nullptr, v.start_index));
  Totals mine;
  for (std::size_t k = 0; k < route.jobs.size(); ++k) {
    const Job& job = p.jobs[route.jobs[k]];
    steps.push_back(step_json(p, s.steps[k + 1], type_name(job.type), &job, job.location));
    mine.delivery += job.delivery;
    mine.pickup += job.pickup;
    mine.priority += job.priority;
  }
  steps.push_back(step_json(p, s.steps.back(), "end", nullptr, v.end_index));
  json::object o;
  o["vehicle"] = v.id;
  o["cost"] = user(s.cost, p.scales.cost);
  o["delivery"] = amount_json(mine.delivery, p.amount_dims);
  o["pickup"] = amount_json(mine.pickup, p.amount_dims);
  o["service"] = user(s.service, p.scales.duration);
  o["duration"] = user(s.duration, p.scales.duration);
  o["waiting_time"] = user(s.waiting, p.scales.duration);
  o["priority"] = mine.priority;
  o["distance"] = route_distance(p, route);
  o["steps"] = std::move(steps);
  totals.delivery += mine.delivery;
  totals.pickup += mine.pickup;
  totals.service += s.service;
  totals.duration += s.duration;
  totals.waiting += s.waiting;
  totals.cost += s.cost;
  totals.priority += mine.priority;
  return o;
}

}  // namespace

std::string problem_to_json(const Problem& p) {
  json::object root;
  json::array jobs;
  json::array shipments;
  for (const Job& job : p.jobs) {
    if (job.type == JobType::single) {
      json::object o = job_part_json(p, job);
      o["delivery"] = amount_json(job.delivery, p.amount_dims);
      o["pickup"] = amount_json(job.pickup, p.amount_dims);
      o["skills"] = skills_json(job.skills);
      o["priority"] = job.priority;
      jobs.push_back(std::move(o));
    } else if (job.type == JobType::pickup) {
      const Job& drop = p.jobs[job.sibling];
      json::object o;
      o["amount"] = amount_json(job.pickup, p.amount_dims);
      o["skills"] = skills_json(job.skills);
      o["priority"] = job.priority;
      o["pickup"] = job_part_json(p, job);
      o["delivery"] = job_part_json(p, drop);
      shipments.push_back(std::move(o));
    }
  }
  json::array vehicles;
  for (const Vehicle& v : p.vehicles) vehicles.push_back(vehicle_json(p, v));
  json::object profile;
  profile["durations"] = matrix_json(p.durations, p.location_count, p.scales.duration);
  profile["distances"] = matrix_json(p.distances, p.location_count, p.scales.distance);
  root["vehicles"] = std::move(vehicles);
  root["jobs"] = std::move(jobs);
  root["shipments"] = std::move(shipments);
  root["matrices"] = json::object{{"car", std::move(profile)}};
  const bool by_distance = p.costs == p.distances && !(p.costs == p.durations);
  root["options"] = json::object{{"duration_scale", p.scales.duration},
                                 {"distance_scale", p.scales.distance},
                                 {"objective", by_distance ? "distance" : "duration"},
                                 {"name", p.name}};
  return reskflow::json::serialize(root);
}

std::string solution_to_json(const Problem& p, const Solution& solution,
                             const SolutionJsonOptions& options) {
  Totals totals;
  json::array routes;
  for (const Route& route : solution.routes) routes.push_back(route_json(p, route, totals));
  json::array unassigned;
  for (const std::size_t j : solution.unassigned) {
    const Job& job = p.jobs[j];
    unassigned.push_back(json::object{
        {"id", job.id}, {"type", type_name(job.type)}, {"location_index", job.location}});
  }
  json::object summary;
  summary["cost"] = user(totals.cost, p.scales.cost);
  summary["routes"] = solution.routes.size();
  summary["unassigned"] = solution.unassigned.size();
  summary["delivery"] = amount_json(totals.delivery, p.amount_dims);
  summary["pickup"] = amount_json(totals.pickup, p.amount_dims);
  summary["service"] = user(totals.service, p.scales.duration);
  summary["duration"] = user(totals.duration, p.scales.duration);
  summary["waiting_time"] = user(totals.waiting, p.scales.duration);
  summary["priority"] = totals.priority;
  summary["distance"] = solution_distance(p, solution);
  summary["computing_times"] = json::object{{"solving", options.solving_ms}};
  json::object root;
  root["code"] = 0;
  root["summary"] = std::move(summary);
  root["unassigned"] = std::move(unassigned);
  root["routes"] = std::move(routes);
  return reskflow::json::serialize(root);
}

std::expected<Solution, Error> parse_solution_json(const Problem& p, std::string_view text) {
  const auto bad = [](std::string m) {
    return std::unexpected(Error{ErrorCode::invalid_input, std::move(m)});
  };
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) return bad("solution JSON: not an object");
  std::map<std::pair<std::string, std::uint64_t>, std::size_t> jobs;
  for (std::size_t j = 0; j < p.jobs.size(); ++j)
    jobs[{type_name(p.jobs[j].type), p.jobs[j].id}] = j;
  std::map<std::uint64_t, std::size_t> vehicles;
  for (std::size_t v = 0; v < p.vehicles.size(); ++v) vehicles[p.vehicles[v].id] = v;
  const auto& root = doc.as_object();
  const auto job_index = [&](const json::object& o) -> std::optional<std::size_t> {
    const auto* t = o.if_contains("type");
    const auto* id = o.if_contains("id");
    if (t == nullptr || id == nullptr || !t->is_string() || !id->is_int64()) return std::nullopt;
    const auto it =
        jobs.find({std::string(t->as_string()), static_cast<std::uint64_t>(id->as_int64())});
    return it == jobs.end() ? std::nullopt : std::optional(it->second);
  };
  Solution out;
  if (const auto* routes = root.if_contains("routes"); routes != nullptr && routes->is_array()) {
    for (const auto& r : routes->as_array()) {
      const auto* vid = r.is_object() ? r.as_object().if_contains("vehicle") : nullptr;
      if (vid == nullptr || !vid->is_int64() ||
          !vehicles.contains(static_cast<std::uint64_t>(vid->as_int64()))) {
        return bad("solution JSON: route without a known vehicle");
      }
      Route route{vehicles[static_cast<std::uint64_t>(vid->as_int64())], {}};
      const auto* steps = r.as_object().if_contains("steps");
      for (const auto& step :
           steps != nullptr && steps->is_array() ? steps->as_array() : json::array{}) {
        if (!step.is_object()) return bad("solution JSON: a step is not an object");
        const auto* t = step.as_object().if_contains("type");
        if (t != nullptr && t->is_string() &&
            (t->as_string() == "start" || t->as_string() == "end"))
          continue;
        const auto j = job_index(step.as_object());
        if (!j) return bad("solution JSON: a step names an unknown job");
        route.jobs.push_back(*j);
      }
      out.routes.push_back(std::move(route));
    }
  }
  if (const auto* un = root.if_contains("unassigned"); un != nullptr && un->is_array()) {
    for (const auto& u : un->as_array()) {
      const auto j = u.is_object() ? job_index(u.as_object()) : std::nullopt;
      if (!j) return bad("solution JSON: an unassigned entry names an unknown job");
      out.unassigned.push_back(*j);
    }
  }
  return out;
}

}  // namespace reskflow::optimize

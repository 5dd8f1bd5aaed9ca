// Reading the routing module's request bodies: envelope checks, bounds and field paths.
#include "requests.h"

#include <array>
#include <map>
#include <optional>

#include "reskflow/core/json_body.h"

namespace reskflow::routing {
namespace {

using Errors = std::vector<FieldError>;

void collect(Status status, Errors& errors) {
  if (status) return;
  for (auto& f : status.error().fields) errors.push_back(std::move(f));
}

// The reader's own errors (including unknown fields) followed by those of nested readers.
Status finish_with(json::ObjectReader& reader, Errors nested) {
  Errors errors;
  collect(reader.finish(), errors);
  for (auto& e : nested) errors.push_back(std::move(e));
  if (errors.empty()) return {};
  return fail(ErrorCode::validation_failed, "some fields are invalid; see errors",
              std::move(errors));
}

std::string item_path(const json::ObjectReader& reader, std::string_view key, std::size_t i) {
  return reader.path(key) + "[" + std::to_string(i) + "]";
}

void read_matrices(json::ObjectReader& reader, const RoutingLimits& limits, Errors& errors) {
  reader.array("matrix", limits.matrix_locations_max, false);
  const auto* matrices = reader.object("matrices", false);
  if (matrices == nullptr) return;
  if (matrices->size() != 1) reader.add_error("matrices", "must hold exactly one profile");
  for (const auto& [profile, value] : *matrices) {
    const std::string path = reader.path("matrices") + "." + std::string(profile);
    if (!value.is_object()) {
      errors.push_back({path, "must be an object"});
      continue;
    }
    json::ObjectReader matrix(value.as_object(), path);
    matrix.array("durations", limits.matrix_locations_max);
    matrix.array("distances", limits.matrix_locations_max, false);
    collect(matrix.finish(), errors);
  }
}

void read_route_options(json::ObjectReader& reader, const RoutingLimits& limits, RouteRequest& out,
                        Errors& errors) {
  const auto* options = reader.object("options", false);
  if (options == nullptr) return;
  json::ObjectReader o(*options, reader.path("options"));
  const json::IntegerRule time_rule{
      .required = false, .min = 1, .max = limits.time_limit_ms_max.count()};
  if (auto ms = o.integer("time_limit_ms", time_rule))
    out.time_limit = std::chrono::milliseconds(*ms);
  if (auto seed = o.integer("seed", {.required = false, .min = 0}))
    out.seed = static_cast<std::uint64_t>(*seed);
  o.one_of("objective", {"duration", "distance"}, false);
  o.string("name", {.required = false, .min_chars = 0, .max_chars = 200});
  collect(o.finish(), errors);
}

}  // namespace

Result<RouteRequest> read_route_request(const boost::json::object& body, std::string text,
                                        const RoutingLimits& limits) {
  RouteRequest out;
  out.time_limit = limits.time_limit_ms_default;
  Errors errors;
  json::ObjectReader reader(body);
  const auto* vehicles = reader.array("vehicles", limits.vehicles_max);
  if (vehicles != nullptr && vehicles->empty())
    reader.add_error("vehicles", "must have at least 1 item");
  const auto* jobs = reader.array("jobs", limits.jobs_max, false);
  const auto* shipments = reader.array("shipments", limits.jobs_max, false);
  const std::size_t job_count =
      (jobs != nullptr ? jobs->size() : 0) + 2 * (shipments != nullptr ? shipments->size() : 0);
  if (job_count > limits.jobs_max) {
    reader.add_error("shipments", "jobs and both halves of each shipment must be at most " +
                                      std::to_string(limits.jobs_max) + " in all");
  }
  read_matrices(reader, limits, errors);
  read_route_options(reader, limits, out, errors);
  if (auto ok = finish_with(reader, std::move(errors)); !ok) return std::unexpected(ok.error());
  out.problem_json = std::move(text);
  return out;
}

namespace {

std::optional<optimize::GeoPoint> read_point(json::ObjectReader& reader, std::string_view key,
                                             Errors& errors) {
  const auto* object = reader.object(key);
  if (object == nullptr) return std::nullopt;
  json::ObjectReader point(*object, reader.path(key));
  const auto lat = point.number("lat", {.min = -90.0, .max = 90.0});
  const auto lng = point.number("lng", {.min = -180.0, .max = 180.0});
  collect(point.finish(), errors);
  if (!lat || !lng) return std::nullopt;
  return optimize::GeoPoint{*lng, *lat};
}

// Ids are the caller's; each may appear once per list.
bool unique_id(std::map<std::string, std::string, std::less<>>& seen, const std::string& id,
               const std::string& path, Errors& errors) {
  const auto [it, fresh] = seen.try_emplace(id, path + ".id");
  if (!fresh) errors.push_back({path + ".id", "repeats " + it->second});
  return fresh;
}

void read_deliveries(json::ObjectReader& reader, const RoutingLimits& limits,
                     AssignmentRequest& out, Errors& errors) {
  const auto* items = reader.array("deliveries", limits.deliveries_max);
  if (items == nullptr) return;
  std::map<std::string, std::string, std::less<>> seen;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = item_path(reader, "deliveries", i);
    if (!(*items)[i].is_object()) {
      errors.push_back({path, "must be an object"});
      continue;
    }
    json::ObjectReader item((*items)[i].as_object(), path);
    const auto id = item.string("id", {.min_chars = 1, .max_chars = id_chars_max});
    const auto pickup = read_point(item, "pickup", errors);
    const auto ready = item.number("ready_in_s", {.required = false, .min = 0, .max = 604800});
    collect(item.finish(), errors);
    if (!id || !pickup || !unique_id(seen, *id, path, errors)) continue;
    out.delivery_ids.push_back(*id);
    out.deliveries.push_back(optimize::DeliveryInfo{*pickup, ready.value_or(0.0)});
  }
}

void read_drivers(json::ObjectReader& reader, const RoutingLimits& limits, AssignmentRequest& out,
                  Errors& errors) {
  const auto* items = reader.array("drivers", limits.drivers_max);
  if (items == nullptr) return;
  std::map<std::string, std::string, std::less<>> seen;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = item_path(reader, "drivers", i);
    if (!(*items)[i].is_object()) {
      errors.push_back({path, "must be an object"});
      continue;
    }
    json::ObjectReader item((*items)[i].as_object(), path);
    const auto id = item.string("id", {.min_chars = 1, .max_chars = id_chars_max});
    const auto location = read_point(item, "location", errors);
    const auto slots = item.integer("capacity_slots", {.required = false, .min = 1, .max = 100});
    const auto quality = item.number("quality", {.required = false, .min = 0.0, .max = 1.0});
    collect(item.finish(), errors);
    if (!id || !location || !unique_id(seen, *id, path, errors)) continue;
    out.driver_ids.push_back(*id);
    out.drivers.push_back(optimize::DriverInfo{
        *location, static_cast<std::uint32_t>(slots.value_or(1)), quality.value_or(1.0)});
  }
}

void read_assignment_options(json::ObjectReader& reader, optimize::AssignmentCostModel& model,
                             Errors& errors) {
  const auto* options = reader.object("options", false);
  if (options == nullptr) return;
  json::ObjectReader o(*options, reader.path("options"));
  const json::IntegerRule k_rule{
      .required = false, .min = 1, .max = static_cast<std::int64_t>(candidates_k_max)};
  if (auto k = o.integer("k", k_rule)) model.candidates_k = static_cast<std::size_t>(*k);
  const json::IntegerRule unassigned_rule{.required = false, .min = 1, .max = 1'000'000'000};
  if (auto c = o.integer("unassigned_cost_s", unassigned_rule)) model.unassigned_cost = *c;
  if (const auto* weights = o.object("weights", false)) {
    json::ObjectReader w(*weights, o.path("weights"));
    const json::NumberRule factor{.required = false, .min = 0.0, .max = 100.0};
    model.lateness_weight = w.number("lateness", factor).value_or(model.lateness_weight);
    model.early_weight = w.number("early", factor).value_or(model.early_weight);
    model.quality_weight_s = w.number("quality_s", {.required = false, .min = 0.0, .max = 86400.0})
                                 .value_or(model.quality_weight_s);
    collect(w.finish(), errors);
  }
  collect(o.finish(), errors);
}

}  // namespace

Result<AssignmentRequest> read_assignment_request(const boost::json::object& body,
                                                  const RoutingLimits& limits) {
  AssignmentRequest out;
  Errors errors;
  json::ObjectReader reader(body);
  read_deliveries(reader, limits, out, errors);
  read_drivers(reader, limits, out, errors);
  read_assignment_options(reader, out.cost_model, errors);
  if (auto ok = finish_with(reader, std::move(errors)); !ok) return std::unexpected(ok.error());
  return out;
}

Error problem_error(const optimize::Error& error) {
  std::string_view message = error.message;
  if (message.starts_with("JSON: ")) message.remove_prefix(6);
  struct Rule {
    std::string_view word;
    std::string_view field;
  };
  // The first word found names the field: shipment halves are jobs, so shipments come first.
  static constexpr std::array<Rule, 8> rules{{{"shipment", "shipments"},
                                              {"vehicle", "vehicles"},
                                              {"job", "jobs"},
                                              {"amount", "jobs"},
                                              {"matri", "matrices"},
                                              {"durations", "matrices"},
                                              {"distances", "matrices"},
                                              {"objective", "options.objective"}}};
  std::string field;
  for (const auto& rule : rules) {
    if (message.find(rule.word) != std::string_view::npos) {
      field = rule.field;
      break;
    }
  }
  return Error{ErrorCode::validation_failed,
               "the problem is invalid; see errors",
               {{field, std::string(message)}}};
}

}  // namespace reskflow::routing

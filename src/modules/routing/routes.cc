// HTTP binding of the routing module: POST /v1/optimize/routes and /v1/optimize/assignments,
// for admins and partners, on the worker pool (solves are CPU-bound and bounded in number).
#include <boost/json.hpp>
#include <cmath>

#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/modules/routes.h"

namespace reskflow::routing {
namespace {

http::Response refuse(const Error& error, const http::Request& request,
                      const RoutingService& service) {
  auto response = modules::error_response(request, error);
  if (error.code == ErrorCode::unavailable) {
    // A solve ends within its time limit: the default one is a fair wait.
    const auto seconds =
        std::chrono::ceil<std::chrono::seconds>(service.limits().time_limit_ms_default);
    response.set_header("Retry-After", std::to_string(std::max<std::int64_t>(1, seconds.count())));
  }
  return response;
}

http::Response optimize_routes(http::Request& request, RoutingService& service) {
  auto body = json::parse_object(request);
  if (!body) return refuse(body.error(), request, service);
  auto parsed = read_route_request(*body, std::move(request.body), service.limits());
  if (!parsed) return refuse(parsed.error(), request, service);
  auto solution = service.optimize_routes(*parsed);
  if (!solution) return refuse(solution.error(), request, service);
  http::Response response;
  response.content_type = "application/json";
  response.body = std::move(*solution);
  return modules::no_store(std::move(response));
}

boost::json::object assignment_json(const AssignmentAnswer& answer) {
  boost::json::array pairs;
  for (const auto& p : answer.pairs) {
    pairs.push_back({{"delivery_id", p.delivery_id},
                     {"driver_id", p.driver_id},
                     {"cost_s", p.cost_s},
                     {"eta_s", std::llround(p.eta_s)}});
  }
  boost::json::array unassigned;
  for (const auto& id : answer.unassigned) unassigned.emplace_back(id);
  return {{"pairs", std::move(pairs)},
          {"unassigned", std::move(unassigned)},
          {"assigned_cost_s", answer.assigned_cost_s},
          {"total_cost_s", answer.total_cost_s}};
}

http::Response optimize_assignments(http::Request& request, RoutingService& service) {
  auto body = json::parse_object(request);
  if (!body) return refuse(body.error(), request, service);
  auto parsed = read_assignment_request(*body, service.limits());
  if (!parsed) return refuse(parsed.error(), request, service);
  auto answer = service.assign(*parsed);
  if (!answer) return refuse(answer.error(), request, service);
  return modules::no_store(http::json(200, assignment_json(*answer)));
}

}  // namespace

Status add_routing_routes(http::Router& router, RoutingService& service) {
  // Nothing is created, so no Idempotency-Key: a retried request just solves again. Partner
  // API keys need the scope optimize:write.
  const auto admins_and_partners =
      http::Access::roles_in({"admin", "partner"}).scoped(std::string(scope_optimize));
  std::vector<http::Route> routes{
      modules::worker_route("routing", http::Method::post, "/v1/optimize/routes",
                            admins_and_partners,
                            [&service](http::Request& r) { return optimize_routes(r, service); }),
      modules::worker_route(
          "routing", http::Method::post, "/v1/optimize/assignments", admins_and_partners,
          [&service](http::Request& r) { return optimize_assignments(r, service); }),
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::routing

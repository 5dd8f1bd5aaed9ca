// HTTP binding of the system module: /health, /health/live, /health/ready, /metrics,
// /v1/system/status (and /v1/admin/system/status for admins), /v1/system/web-config.
#include <boost/json.hpp>

#include "module.h"

namespace reskflow::system {
namespace {

http::Response readiness_response(SystemModule& module) {
  const auto r = module.readiness();
  auto response = http::json(r.ready ? 200 : 503, {{"status", r.ready ? "ready" : "not_ready"},
                                                   {"checks", checks_json(r)}});
  response.set_header("Cache-Control", "no-store");
  return response;
}

// What only operators may read: answered by `render` unless OperatorAccess refuses.
template <class Render>
http::Handler for_operators(SystemModule& module, Render render) {
  return [&module, render = std::move(render)](http::Request& request) {
    if (auto refused = module.operator_access().refusal(request))
      return refusal_response(*refused, request);
    return render();
  };
}

}  // namespace

Status add_system_routes(http::Router& router, SystemModule& module) {
  std::vector<http::Route> routes{
      {http::Method::get, "/health", "system", http::Execution::io, http::Access::anyone(),
       [&module](http::Request&) {
         http::Response r;
         r.content_type = "application/json";
         r.body = module.health_json();
         return r;
       }},
      {http::Method::get, "/health/live", "system", http::Execution::io, http::Access::anyone(),
       [](http::Request&) {
         return http::json(200, {{"status", "ok"}});
       }},
      {http::Method::get, "/health/ready", "system", http::Execution::worker,
       http::Access::anyone(), [&module](http::Request&) { return readiness_response(module); }},
      // Anonymous for the router (a scraper has no user session); OperatorAccess decides.
      {http::Method::get, "/metrics", "system", http::Execution::worker, http::Access::anyone(),
       for_operators(module,
                     [&module] {
                       http::Response r;
                       r.content_type = "text/plain; version=0.0.4; charset=utf-8";
                       r.body = module.metrics_text();
                       return r;
                     })},
      {http::Method::get, "/v1/system/web-config", "system", http::Execution::io,
       http::Access::anyone(),
       [&module](http::Request&) {
         auto r = http::json(200, module.web_config());
         r.set_header("Cache-Control", "no-cache");
         return r;
       }},
      {http::Method::get, "/v1/system/status", "system", http::Execution::worker,
       http::Access::anyone(),
       for_operators(module, [&module] { return http::json(200, module.status()); })},
      // The same document for the admin portal's System page: a signed-in admin, checked by the
      // router's guard; no API key may read it.
      {http::Method::get, "/v1/admin/system/status", "system", http::Execution::worker,
       http::Access::roles_in({"admin"}),
       [&module](http::Request&) {
         auto r = http::json(200, module.status());
         r.set_header("Cache-Control", "no-store");
         return r;
       }},
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::system

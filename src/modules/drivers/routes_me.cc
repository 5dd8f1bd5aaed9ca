// A courier's own routes: the profile, going online and offline, and location batches.
#include <boost/json.hpp>

#include "document.h"
#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/identity/identity.h"
#include "routes_common.h"

namespace reskflow::drivers {
namespace {

using modules::error_response;
using modules::no_store;

http::Response get_profile(Service& service, http::Request& request) {
  auto view = service.profile(request.principal->subject);
  if (!view) return error_response(request, view.error());
  return no_store(http::json(200, driver_json(*view)));
}

http::Response put_profile(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto vehicle = in.one_of("vehicle", {"bike", "scooter", "car", "van"});
  const auto capacity = in.integer("capacity", {true, 1, 100});
  const auto cold_storage = in.boolean("cold_storage", false);
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  const ProfileInput input{*parse_vehicle(*vehicle), *capacity, cold_storage.value_or(false)};
  auto view = service.put_profile(request.principal->subject, input);
  if (!view) return error_response(request, view.error());
  return no_store(http::json(200, driver_json(*view)));
}

http::Response post_shift(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto online = in.boolean("online");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto view = service.set_shift(request.principal->subject, *online);
  if (!view) return error_response(request, view.error());
  return no_store(http::json(200, driver_json(*view)));
}

http::Response post_locations(Service& service, std::int64_t points_max, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  auto points = read_points(*body, points_max);
  if (!points) return error_response(request, points.error());
  auto report = service.ingest(request.principal->subject, *points);
  if (!report) return error_response(request, report.error());
  return no_store(http::json(200, report_json(*report)));
}

}  // namespace

Status add_me_routes(http::Router& router, Service& service, const DriversSettings& settings) {
  const std::string driver(identity::role_driver);
  const auto self = [&] { return http::Access::roles_in({driver}, "self"); };
  const auto points_max = settings.batch_points_max;
  std::vector<http::Route> routes{
      route(http::Method::get, "/v1/drivers/me", self(),
            [&service](http::Request& r) { return get_profile(service, r); }),
      route(http::Method::put, "/v1/drivers/me", self(),
            [&service](http::Request& r) { return put_profile(service, r); }),
      route(http::Method::post, "/v1/drivers/me/shift", self(),
            [&service](http::Request& r) { return post_shift(service, r); }),
      route(http::Method::post, "/v1/drivers/me/locations", self(),
            [&service, points_max](http::Request& r) {
              return post_locations(service, points_max, r);
            }),
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::drivers

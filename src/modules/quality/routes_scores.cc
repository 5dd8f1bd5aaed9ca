// HTTP binding of quality scores: admins list merchants' and drivers' scores; a merchant's
// managers and owners see its own; a driver sees theirs.
#include "module.h"
#include "routes_common.h"

namespace reskflow::quality {
namespace {

boost::json::object merchant_json(const MerchantScore& s) {
  return {{"merchant_id", s.merchant_id},
          {"window_days", s.window_days},
          {"delivered_orders", s.delivered_orders},
          {"accurate_orders", s.accurate_orders},
          {"accuracy", rate_json(s.accuracy)},
          {"deliveries", s.deliveries},
          {"on_time_deliveries", s.on_time_deliveries},
          {"on_time_rate", rate_json(s.on_time_rate)},
          {"rating", rate_json(s.rating)},
          {"rating_count", s.rating_count}};
}

boost::json::object driver_json(const DriverScore& s) {
  return {{"driver_id", s.driver_id},
          {"window_days", s.window_days},
          {"deliveries", s.deliveries},
          {"on_time_deliveries", s.on_time_deliveries},
          {"on_time_rate", rate_json(s.on_time_rate)},
          {"offers", s.offers},
          {"accepted_offers", s.accepted_offers},
          {"acceptance_rate", rate_json(s.acceptance_rate)},
          {"rating", rate_json(s.rating)},
          {"rating_count", s.rating_count}};
}

template <class Score, class Render>
http::Response page_json(const ScorePage<Score>& page, Render render) {
  boost::json::array data;
  for (const auto& s : page.scores) data.push_back(render(s));
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", page.next_cursor.has_value()},
                                   {"next_cursor", cursor_json(page.next_cursor)}}));
}

http::Response merchants(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.merchant_scores(*page);
  if (!found) return error_response(request, found.error());
  return page_json(*found, merchant_json);
}

http::Response drivers(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.driver_scores(*page);
  if (!found) return error_response(request, found.error());
  return page_json(*found, driver_json);
}

http::Response merchant(Service& service, identity::Directory& directory, http::Request& request) {
  const auto merchant_id = param(request, "merchant_id");
  if (auto staff = directory.require_merchant_staff(*request.principal, merchant_id,
                                                    identity::MerchantLevel::manager);
      !staff)
    return error_response(request, staff.error());
  auto score = service.merchant_score(merchant_id);
  if (!score) return error_response(request, score.error());
  return no_store(http::json(200, merchant_json(*score)));
}

http::Response driver(Service& service, http::Request& request) {
  auto score = service.driver_score(request.principal->subject);
  if (!score) return error_response(request, score.error());
  return no_store(http::json(200, driver_json(*score)));
}

}  // namespace

std::vector<http::Route> score_routes(Service& service, identity::Directory& directory) {
  using http::Access;
  using http::Method;
  const auto admins = roles({identity::role_admin});
  return {
      route(Method::get, "/v1/admin/quality/merchants", Access::roles_in(admins),
            [&service](http::Request& r) { return merchants(service, r); }),
      route(Method::get, "/v1/admin/quality/drivers", Access::roles_in(admins),
            [&service](http::Request& r) { return drivers(service, r); }),
      route(Method::get, "/v1/merchants/{merchant_id}/quality",
            Access::roles_in(roles({identity::role_merchant, identity::role_admin}),
                             "merchant_managers"),
            [&service, &directory](http::Request& r) { return merchant(service, directory, r); }),
      route(Method::get, "/v1/drivers/me/quality",
            Access::roles_in(roles({identity::role_driver}), "self"),
            [&service](http::Request& r) { return driver(service, r); }),
  };
}

}  // namespace reskflow::quality

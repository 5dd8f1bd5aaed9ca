// The HTTP binding of deliveries: a courier's offers and deliveries, the lifecycle steps, a
// delivery and its path for the parties to it, an admin's assignment and the ETA report.
#include <boost/json.hpp>

#include <charconv>

#include "document.h"
#include "module.h"
#include "reskflow/core/json_body.h"
#include "reskflow/modules/routes.h"

namespace reskflow::deliveries {
namespace {

using modules::error_response;

constexpr std::int64_t eta_window_hours_default = 24;
constexpr std::int64_t eta_window_hours_max = std::int64_t{24} * 90;

std::vector<std::string> roles(std::initializer_list<std::string_view> names) {
  std::vector<std::string> out;
  for (const auto n : names) out.emplace_back(n);
  return out;
}

http::Route route(http::Method method, std::string pattern, http::Access access,
                  http::Handler handler) {
  return modules::worker_route("deliveries", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

std::string param(const http::Request& r, std::string_view name) {
  return std::string(r.param(name).value_or(""));
}

Caller caller_of(const http::Request& r) {
  return {r.principal->subject, r.principal->role == identity::role_admin, *r.principal};
}

http::Response render(const http::Request& r, const Result<DeliveryRecord>& record, View view) {
  if (!record) return error_response(r, record.error());
  auto document = delivery_document(*record, view);
  if (!document) return error_response(r, document.error());
  return modules::no_store(http::json(200, std::move(*document)));
}

// {"status": "picked_up", "pickup_code": "123456"}, {"status": "delivered", "pin": "1234",
// "id_checked": true}, {"status": "failed", "reason": "..."}.
Result<StepRequest> read_step(const http::Request& r) {
  RF_TRY(body, json::parse_object(r));
  json::ObjectReader in(*body);
  StepRequest out;
  out.next = in.one_of("status", {std::string(status_at_pickup), std::string(status_picked_up),
                                  std::string(status_at_dropoff), std::string(status_delivered),
                                  std::string(status_failed), std::string(status_returned)})
                 .value_or("");
  out.pickup_code = in.string("pickup_code", {false, 1, 16}).value_or("");
  out.pin = in.string("pin", {false, 1, 16}).value_or("");
  out.id_checked = in.boolean("id_checked", false).value_or(false);
  out.reason = in.string("reason", {false, 1, 500, true}).value_or("");
  RF_TRY(finished, in.finish());
  return out;
}

http::Response offers(Service& service, const http::Request& r) {
  auto found = service.offers_of(r.principal->subject);
  if (!found) return error_response(r, found.error());
  boost::json::array data;
  const auto now = service.now();
  for (const auto& o : *found) data.push_back(offer_document(o, now));
  return modules::no_store(http::json(200, boost::json::object{{"data", std::move(data)}}));
}

http::Response my_deliveries(Service& service, const http::Request& r) {
  const auto active_only = r.query_param("active").value_or("") == "true";
  auto found = service.of_driver(r.principal->subject, active_only);
  if (!found) return error_response(r, found.error());
  boost::json::array data;
  for (const auto& d : *found) {
    auto document = delivery_document(d, View::courier);
    if (!document) return error_response(r, document.error());
    data.emplace_back(std::move(*document));
  }
  return modules::no_store(http::json(200, boost::json::object{{"data", std::move(data)}}));
}

// The delivery as `view` sees it. Admins, and the customer and the merchant's staff while it is
// under way, also learn who the courier is (as they follow the courier on its topic).
http::Response seen_delivery(Service& service, const http::Request& r, const DeliveryRecord& record,
                             View view) {
  auto rendered = delivery_document(record, view);
  if (!rendered) return error_response(r, rendered.error());
  auto& document = *rendered;
  const auto& driver_id = record.delivery.driver_id;
  const bool party = view == View::customer || view == View::merchant;
  if (!driver_id.empty() && (view == View::admin || (party && !final_status(record.status())))) {
    auto facts = service.courier_facts(driver_id);
    if (!facts) return error_response(r, facts.error());
    document["courier"] = {
        {"first_name", facts->first_name},
        {"vehicle", facts->vehicle ? boost::json::value(drivers::vehicle_name(*facts->vehicle))
                                   : boost::json::value(nullptr)}};
  }
  return modules::no_store(http::json(200, std::move(document)));
}

http::Response one(Service& service, const http::Request& r) {
  auto seen = service.view(caller_of(r), param(r, "delivery_id"));
  if (!seen) return error_response(r, seen.error());
  return seen_delivery(service, r, seen->first, seen->second);
}

// The customer's order page knows the order, not its delivery: the same view, found by order.
http::Response one_of_order(Service& service, const http::Request& r) {
  auto found = service.get_of_order(param(r, "order_id"));
  if (!found) return error_response(r, found.error());
  auto seen = service.view(caller_of(r), found->delivery.id);
  if (!seen) return error_response(r, seen.error());
  return seen_delivery(service, r, seen->first, seen->second);
}

http::Response path(Service& service, const http::Request& r) {
  const auto id = param(r, "delivery_id");
  auto points = service.path(caller_of(r), id);
  if (!points) return error_response(r, points.error());
  auto record = service.get(id);
  if (!record) return error_response(r, record.error());
  auto response = http::json(200, path_document(*record, *points));
  response.content_type = "application/geo+json";
  return modules::no_store(std::move(response));
}

http::Response step(Service& service, const http::Request& r) {
  auto wanted = read_step(r);
  if (!wanted) return error_response(r, wanted.error());
  return render(r, service.step(r.principal->subject, param(r, "delivery_id"), *wanted),
                View::courier);
}

http::Response assign(Service& service, const http::Request& r) {
  auto body = json::parse_object(r);
  if (!body) return error_response(r, body.error());
  json::ObjectReader in(*body);
  const auto driver_id = in.string("driver_id", {true, 1, 64}).value_or("");
  if (auto ok = in.finish(); !ok) return error_response(r, ok.error());
  return render(r, service.assign(param(r, "delivery_id"), driver_id), View::admin);
}

http::Response eta_report(Service& service, const http::Request& r) {
  std::int64_t hours = eta_window_hours_default;
  if (const auto text = r.query_param("window_hours")) {
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), hours);
    if (ec != std::errc{} || end != text->data() + text->size() || hours < 1 ||
        hours > eta_window_hours_max)
      return error_response(r, Error{ErrorCode::validation_failed,
                                     "some fields are invalid; see errors",
                                     {{"window_hours", "must be an integer from 1 to 2160"}},
                                     {}});
  }
  auto rows = service.eta_quality(std::chrono::hours(hours));
  if (!rows) return error_response(r, rows.error());
  return modules::no_store(http::json(200, eta_document(*rows, hours)));
}

}  // namespace

Status add_routes(http::Router& router, Service& service,
                  const std::function<void()>& wake_dispatch) {
  using http::Access;
  using http::Method;
  const auto driver = Access::roles_in(roles({identity::role_driver}), "own_driver");
  const auto admin = Access::roles_in(roles({identity::role_admin}));
  std::vector<http::Route> routes;
  routes.push_back(route(Method::get, "/v1/drivers/me/offers", driver,
                         [&service](http::Request& r) { return offers(service, r); }));
  routes.push_back(route(Method::get, "/v1/drivers/me/deliveries", driver,
                         [&service](http::Request& r) { return my_deliveries(service, r); }));
  routes.push_back(http::idempotent(
      route(Method::post, "/v1/offers/{offer_id}/accept", driver, [&service](http::Request& r) {
        return render(r, service.accept_offer(r.principal->subject, param(r, "offer_id")),
                      View::courier);
      })));
  routes.push_back(route(Method::post, "/v1/offers/{offer_id}/decline", driver,
                         [&service, wake_dispatch](http::Request& r) {
                           auto done =
                               service.decline_offer(r.principal->subject, param(r, "offer_id"));
                           if (!done) return error_response(r, done.error());
                           wake_dispatch();  // the next best courier need not wait a round
                           return modules::no_content();
                         }));
  routes.push_back(
      http::idempotent(route(Method::post, "/v1/deliveries/{delivery_id}/status", driver,
                             [&service](http::Request& r) { return step(service, r); })));
  const auto parties = Access::authenticated("delivery_party");
  routes.push_back(route(Method::get, "/v1/deliveries/{delivery_id}", parties,
                         [&service](http::Request& r) { return one(service, r); }));
  routes.push_back(route(Method::get, "/v1/orders/{order_id}/delivery", parties,
                         [&service](http::Request& r) { return one_of_order(service, r); }));
  routes.push_back(route(Method::get, "/v1/deliveries/{delivery_id}/path", parties,
                         [&service](http::Request& r) { return path(service, r); }));
  routes.push_back(
      http::idempotent(route(Method::post, "/v1/admin/deliveries/{delivery_id}/assign", admin,
                             [&service](http::Request& r) { return assign(service, r); })));
  routes.push_back(route(Method::get, "/v1/admin/metrics/eta", admin,
                         [&service](http::Request& r) { return eta_report(service, r); }));
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::deliveries

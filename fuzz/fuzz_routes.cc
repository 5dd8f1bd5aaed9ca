// Route table and JSON schemas for the request fuzzer; handlers validate the body like a
// module's routes.cc would and echo what they read, so rendering sees hostile strings too.
#include "fuzz_routes.h"

#include <boost/json.hpp>
#include <cstdlib>

#include "reskflow/core/json_body.h"

namespace reskflow::fuzz {
namespace {

using http::Method;
using Validator = Status (*)(const boost::json::object&);

Status validate_login(const boost::json::object& body) {
  json::ObjectReader r(body);
  r.string("email", {.min_chars = 3, .max_chars = 254});
  r.string("password", {.min_chars = 8, .max_chars = 128});
  return r.finish();
}

void validate_order_item(const boost::json::value& value, std::size_t index,
                         json::ObjectReader& order) {
  const auto path = "items[" + std::to_string(index) + "]";
  if (!value.is_object()) {
    order.add_error(path, "must be an object");
    return;
  }
  json::ObjectReader item(value.as_object(), order.path(path));
  item.string("product_id", {.min_chars = 1, .max_chars = 64});
  item.integer("quantity", {.min = 1, .max = 99});
  item.string("notes", {.required = false, .max_chars = 200});
  (void)item.finish();
  order.absorb(item);
}

Status validate_order(const boost::json::object& body) {
  json::ObjectReader r(body);
  r.string("merchant_id", {.min_chars = 1, .max_chars = 64});
  if (const auto* items = r.array("items", 50)) {
    for (std::size_t i = 0; i < items->size(); ++i) validate_order_item((*items)[i], i, r);
  }
  if (const auto* delivery = r.object("delivery")) {
    json::ObjectReader d(*delivery, "delivery");
    d.string("address", {.min_chars = 5, .max_chars = 300});
    d.number("lat", {.min = -90, .max = 90});
    d.number("lng", {.min = -180, .max = 180});
    (void)d.finish();
    r.absorb(d);
  }
  r.one_of("payment_method", {"card", "cash", "wallet"});
  r.integer("tip_minor", {.required = false, .min = 0, .max = 100'000});
  r.boolean("scheduled", false);
  return r.finish();
}

Status validate_order_patch(const boost::json::object& body) {
  json::ObjectReader r(body);
  r.one_of("status", {"accepted", "preparing", "ready", "cancelled"});
  r.string("reason", {.required = false, .max_chars = 500});
  return r.finish();
}

Status validate_product(const boost::json::object& body) {
  json::ObjectReader r(body);
  r.string("name", {.min_chars = 1, .max_chars = 120});
  r.integer("price_minor", {.min = 0, .max = 10'000'000});
  r.one_of("currency", {"EUR", "USD", "GBP"});
  r.boolean("available", false);
  r.object("attributes", false);
  return r.finish();
}

Status validate_location(const boost::json::object& body) {
  json::ObjectReader r(body);
  r.number("lat", {.min = -90, .max = 90});
  r.number("lng", {.min = -180, .max = 180});
  r.number("accuracy_m", {.required = false, .min = 0, .max = 10'000});
  r.integer("recorded_at_ms", {.min = 0});
  return r.finish();
}

// Echoes the route, parameters and query: the response carries attacker-chosen bytes.
http::Response echo(http::Request& request) {
  boost::json::object params;
  for (const auto& [k, v] : request.params) params[k] = v;
  boost::json::object query;
  for (const auto& [k, v] : request.query) query[k] = v;
  return http::json(200, boost::json::object{{"route", request.route},
                                             {"params", std::move(params)},
                                             {"query", std::move(query)}});
}

http::Handler with_body(Validator validate) {
  return [validate](http::Request& request) {
    auto body = json::parse_object(request);
    if (!body) return http::problem(body.error(), request.request_id, request.path);
    if (auto valid = validate(*body); !valid)
      return http::problem(valid.error(), request.request_id, request.path);
    return http::json(200, *body);
  };
}

// Writes (and DELETE) need an authenticated caller (see the guard below); reads run inline and
// anonymous like the probes.
void add(http::Router& router, Method method, const char* pattern, http::Handler handler) {
  const bool read = method == Method::get || method == Method::head;
  http::Route route{method,
                    pattern,
                    "fuzz",
                    read ? http::Execution::io : http::Execution::worker,
                    read ? http::Access::anyone() : http::Access::roles_in({"customer"}),
                    std::move(handler)};
  if (!router.add(std::move(route))) std::abort();
}

void add_fuzz_routes(http::Router& r) {
  for (const auto* path :
       {"/health", "/health/live", "/health/ready", "/metrics", "/v1/system/status", "/v1/orders",
        "/v1/orders/{id}", "/v1/orders/{id}/items/{item_id}", "/v1/deliveries/{id}/track",
        "/v1/merchants/{merchant_id}/products/{product_id}"}) {
    add(r, Method::get, path, echo);
  }
  add(r, Method::post, "/v1/auth/login", with_body(validate_login));
  add(r, Method::post, "/v1/orders", with_body(validate_order));
  add(r, Method::patch, "/v1/orders/{id}", with_body(validate_order_patch));
  add(r, Method::delete_, "/v1/orders/{id}", echo);
  add(r, Method::post, "/v1/orders/{id}/cancel", echo);
  add(r, Method::put, "/v1/merchants/{merchant_id}/products/{product_id}",
      with_body(validate_product));
  add(r, Method::post, "/v1/deliveries/{id}/location", with_body(validate_location));
  add(r, Method::options, "/v1/orders", echo);
  // Any Authorization header passes, so inputs that carry one reach the JSON handlers; the
  // others exercise the 401 path.
  r.set_guard([](http::Request& request, const http::Route&) -> std::optional<http::Response> {
    if (request.header("Authorization")) {
      request.principal = http::Principal{"fuzz", "customer", {}, "fuzz"};
      return std::nullopt;
    }
    return http::problem(Error{ErrorCode::unauthenticated, "log in"}, request.request_id,
                         request.path);
  });
}

}  // namespace

const http::Router& fuzz_router() {
  static http::Router router;
  static const bool filled = (add_fuzz_routes(router), true);
  (void)filled;
  return router;
}

}  // namespace reskflow::fuzz

// HTTP binding of carts themselves: open (or find) a cart, list the caller's active carts,
// read one with its price preview, set where it is delivered, abandon, lock and unlock. Strangers
// get 404 for any cart.
#include "cart_limits.h"
#include "reskflow/modules/page.h"
#include "routes_common.h"

namespace reskflow::carts {
namespace {

http::Response open_cart(Service& service, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto merchant = in.string("merchant_id", {true, 1, id_chars_max});
  std::optional<modules::geo::Point> point;
  if (const auto* where = in.object("delivery_point", false)) {
    json::ObjectReader at(*where, in.path("delivery_point"));
    point = read_point(at);
    in.absorb(at);
  }
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto opened = service.open_cart(caller_of(request), *merchant, point);
  if (!opened) return error_response(request, opened.error());
  return cart_response(opened->cart, opened->created ? 201 : 200);
}

http::Response list_carts(Service& service, http::Request& request) {
  const auto wanted = modules::page_request(request);
  if (!wanted) return error_response(request, wanted.error());
  auto page = service.list(caller_of(request), wanted->cursor.value_or(""), wanted->limit);
  if (!page) return error_response(request, page.error());
  boost::json::array data;
  for (const auto& s : page->carts) data.push_back(summary_document(s));
  boost::json::object out{{"data", std::move(data)},
                          {"has_more", !page->next_cursor.empty()},
                          {"next_cursor", nullptr}};
  if (!page->next_cursor.empty()) out["next_cursor"] = page->next_cursor;
  auto r = http::json(200, out);
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response lock(Service& service, http::Request& request, bool locked) {
  auto expected = if_match_of(request);
  if (!expected) return error_response(request, expected.error());
  return render_cart(request, service.set_locked(caller_of(request), param(request, "cart_id"),
                                                 locked, *expected));
}

// PUT {"lat", "lng"}: where the host has the cart delivered.
http::Response set_delivery_point(Service& service, http::Request& request) {
  auto expected = if_match_of(request);
  if (!expected) return error_response(request, expected.error());
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto point = read_point(in);
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_cart(
      request,
      service.set_delivery_point(caller_of(request), param(request, "cart_id"), *point, *expected));
}

}  // namespace

Status add_cart_routes(http::Router& router, Service& service) {
  using http::Access;
  using http::Method;
  const auto readers = std::vector<std::string>{std::string(identity::role_customer),
                                                std::string(identity::role_admin)};
  return router.add_all(
      {http::idempotent(route(Method::post, "/v1/carts", Access::roles_in(customers(), "self"),
                              [&service](http::Request& r) { return open_cart(service, r); })),
       route(Method::get, "/v1/carts", Access::roles_in(customers(), "self"),
             [&service](http::Request& r) { return list_carts(service, r); }),
       route(Method::get, "/v1/carts/{cart_id}", Access::roles_in(readers, "cart_member"),
             [&service](http::Request& r) {
               return render_cart(r, service.get(caller_of(r), param(r, "cart_id")));
             }),
       route(Method::delete_, "/v1/carts/{cart_id}", Access::roles_in(customers(), "cart_host"),
             [&service](http::Request& r) {
               auto expected = if_match_of(r);
               if (!expected) return error_response(r, expected.error());
               return versioned_no_content(
                   r, service.abandon(caller_of(r), param(r, "cart_id"), *expected));
             }),
       route(Method::put, "/v1/carts/{cart_id}/delivery-point",
             Access::roles_in(customers(), "cart_host"),
             [&service](http::Request& r) { return set_delivery_point(service, r); }),
       route(Method::post, "/v1/carts/{cart_id}/lock", Access::roles_in(customers(), "cart_host"),
             [&service](http::Request& r) { return lock(service, r, true); }),
       route(Method::post, "/v1/carts/{cart_id}/unlock", Access::roles_in(customers(), "cart_host"),
             [&service](http::Request& r) { return lock(service, r, false); })});
}

}  // namespace reskflow::carts

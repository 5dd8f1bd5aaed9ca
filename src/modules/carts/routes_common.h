// Helpers every carts route file shares: the caller, If-Match, rendering with ETag, route
// registration.
#pragma once

#include <boost/json.hpp>

#include <charconv>
#include <optional>
#include <string>
#include <vector>

#include "document.h"
#include "reskflow/core/json_body.h"
#include "reskflow/core/router.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/routes.h"
#include "service.h"

namespace reskflow::carts {

inline Caller caller_of(const http::Request& r) {
  return {r.principal->subject, r.principal->role == identity::role_admin};
}

using modules::error_response;

inline std::string etag_of(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

// The version an If-Match header names: "7", W/"7", or "7-gz" (the ETag of a gzipped
// response); nullopt without the header or with "*". A value that names no version can match
// none: 412.
inline Result<std::optional<std::int64_t>> if_match_of(const http::Request& r) {
  auto header = r.header("If-Match");
  if (!header || *header == "*") return std::optional<std::int64_t>{};
  std::string_view v = *header;
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  if (v.ends_with("-gz")) v.remove_suffix(3);
  std::int64_t version = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (ec != std::errc{} || end != v.data() + v.size() || version < 1)
    return fail(ErrorCode::precondition_failed,
                "If-Match must name a cart version, as the ETag of a cart response does");
  return std::optional<std::int64_t>(version);
}

inline http::Response cart_response(const PricedCart& cart, int status = 200) {
  auto r = http::json(status, cart_document(cart));
  r.set_header("ETag", etag_of(cart.version));
  r.set_header("Cache-Control", "no-store");
  return r;
}

inline http::Response render_cart(const http::Request& r, const Result<PricedCart>& cart,
                                  int status = 200) {
  if (!cart) return error_response(r, cart.error());
  return cart_response(*cart, status);
}

// 204 with the cart's new version, for writes after which the caller may no longer see it.
inline http::Response versioned_no_content(const http::Request& r,
                                           const Result<std::int64_t>& version) {
  if (!version) return error_response(r, version.error());
  http::Response out;
  out.status = 204;
  out.set_header("ETag", etag_of(*version));
  return out;
}

inline std::string param(const http::Request& r, std::string_view name) {
  return std::string(r.param(name).value_or(""));
}

// A {"lat", "lng"} object in degrees, read into `in`'s errors under its path.
inline std::optional<modules::geo::Point> read_point(json::ObjectReader& in) {
  const auto lat = in.number("lat", {true, -90, 90});
  const auto lng = in.number("lng", {true, -180, 180});
  if (!lat || !lng) return std::nullopt;
  return modules::geo::Point{*lat, *lng};
}

inline std::vector<std::string> customers() { return {std::string(identity::role_customer)}; }

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("carts", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

}  // namespace reskflow::carts

// The admins' list of couriers with their status, vehicle and last position.
#include <boost/json.hpp>

#include <charconv>

#include "document.h"
#include "module.h"
#include "reskflow/identity/identity.h"
#include "routes_common.h"

namespace reskflow::drivers {
namespace {

using modules::error_response;
using modules::no_store;

// ?limit= (1..100, default 50); a bad limit is a 422 naming "limit".
Result<std::int64_t> limit_of(const http::Request& request) {
  const auto l = request.query_param("limit");
  if (!l) return std::int64_t{50};
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(l->data(), l->data() + l->size(), n);
  if (ec != std::errc{} || end != l->data() + l->size() || n < 1 || n > page_limit_max)
    return fail(ErrorCode::validation_failed, "the page size is out of range",
                {{"limit", "must be an integer from 1 to " + std::to_string(page_limit_max)}});
  return n;
}

http::Response list_drivers(Service& service, http::Request& request) {
  auto limit = limit_of(request);
  if (!limit) return error_response(request, limit.error());
  std::optional<std::string> cursor;
  if (auto c = request.query_param("cursor"); c && !c->empty()) cursor = std::string(*c);
  auto page = service.list(cursor, *limit);
  if (!page) return error_response(request, page.error());
  boost::json::array data;
  for (const auto& d : page->drivers) data.push_back(driver_json(d));
  return no_store(
      http::json(200, {{"data", std::move(data)},
                       {"has_more", page->next_cursor.has_value()},
                       {"next_cursor", page->next_cursor ? boost::json::value(*page->next_cursor)
                                                         : boost::json::value(nullptr)}}));
}

}  // namespace

Status add_admin_routes(http::Router& router, Service& service) {
  const std::string admin(identity::role_admin);
  return router.add(route(http::Method::get, "/v1/admin/drivers", http::Access::roles_in({admin}),
                          [&service](http::Request& r) { return list_drivers(service, r); }));
}

}  // namespace reskflow::drivers

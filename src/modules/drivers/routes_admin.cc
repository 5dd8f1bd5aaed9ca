// The admins' list of couriers with their status, vehicle and last position.
#include <boost/json.hpp>

#include "document.h"
#include "module.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "routes_common.h"

namespace reskflow::drivers {
namespace {

using modules::error_response;
using modules::no_store;

constexpr std::int64_t admin_page_default = 50;  // couriers per page

http::Response list_drivers(Service& service, http::Request& request) {
  const auto wanted = modules::page_request(request, admin_page_default);
  if (!wanted) return error_response(request, wanted.error());
  auto page = service.list(wanted->cursor, wanted->limit);
  if (!page) return error_response(request, page.error());
  boost::json::array data;
  for (const auto& d : page->drivers) data.push_back(driver_json(d));
  return no_store(http::json(200, {{"data", std::move(data)},
                                   {"has_more", page->next_cursor.has_value()},
                                   {"next_cursor", modules::cursor_json(page->next_cursor)}}));
}

}  // namespace

Status add_admin_routes(http::Router& router, Service& service) {
  const std::string admin(identity::role_admin);
  return router.add(route(http::Method::get, "/v1/admin/drivers", http::Access::roles_in({admin}),
                          [&service](http::Request& r) { return list_drivers(service, r); }));
}

}  // namespace reskflow::drivers

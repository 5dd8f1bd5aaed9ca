// HTTP binding of the admins' support inbox: open support conversations, unassigned first, and
// taking one.
#include "reskflow/identity/identity.h"
#include "reskflow/modules/page.h"
#include "routes_common.h"

namespace reskflow::chat {
namespace {

http::Response inbox(Service& service, http::Request& request) {
  auto page = modules::page_request(request);
  if (!page) return error_response(request, page.error());
  auto found = service.inbox(*page);
  if (!found) return error_response(request, found.error());
  return conversation_page_response(*found);
}

http::Response assign(Service& service, http::Request& request) {
  auto taken = service.assign_to_me(*request.principal,
                                    std::string(request.param("conversation_id").value_or("")));
  if (!taken) return error_response(request, taken.error());
  return conversation_response(*taken);
}

}  // namespace

Status add_support_routes(http::Router& router, RouteDeps deps) {
  using http::Access;
  using http::Method;
  const std::vector<std::string> admins{std::string(identity::role_admin)};
  Service& s = deps.service;
  std::vector<http::Route> routes{
      route(Method::get, "/v1/support/conversations", Access::roles_in(admins),
            [&s](http::Request& r) { return inbox(s, r); }),
      route(Method::post, "/v1/support/conversations/{conversation_id}/assign",
            Access::roles_in(admins), [&s](http::Request& r) { return assign(s, r); }),
  };
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::chat

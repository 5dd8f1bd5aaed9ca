// The stand-in guard and the loopback server of module route tests.
#include "reskflow/modules/testing/served_routes.h"

#include <algorithm>
#include <string>

namespace reskflow::modules::testing {
namespace {

std::optional<http::Principal> principal_of(std::string_view authorization) {
  if (authorization.starts_with("Bearer ")) {
    const auto credential = authorization.substr(7);
    const auto colon = credential.find(':');
    const auto role = credential.substr(0, colon);
    const auto user = colon == std::string_view::npos ? "u-1" : credential.substr(colon + 1);
    return http::Principal{std::string(user), std::string(role), {}, "s-1"};
  }
  if (authorization.starts_with("ApiKey ")) {
    return http::Principal{
        "key-1", "partner", {std::string(authorization.substr(7))}, {}, http::Credential::api_key};
  }
  return std::nullopt;
}

}  // namespace

std::optional<http::Response> stand_in_guard(http::Request& request, const http::Route& route) {
  const auto authorization = request.header("Authorization");
  auto principal = authorization ? principal_of(*authorization) : std::nullopt;
  if (!principal) {
    return http::problem({ErrorCode::unauthenticated, "log in"}, request.request_id, request.path);
  }
  request.principal = std::move(principal);
  const auto& roles = route.access->roles;
  if (!roles.empty() && std::ranges::find(roles, request.principal->role) == roles.end())
    return http::problem({ErrorCode::forbidden, "not for this role"}, request.request_id,
                         request.path);
  if (auto scoped = Authenticator::require_scope(*request.principal, route.access->scope); !scoped)
    return http::problem(scoped.error(), request.request_id, request.path);
  return std::nullopt;
}

Result<http::Principal> StandInAuthenticator::required(const http::Request& request) {
  const auto authorization = request.header("Authorization");
  auto principal = authorization ? principal_of(*authorization) : std::nullopt;
  if (!principal) return fail(ErrorCode::unauthenticated, "credentials required");
  return std::move(*principal);
}

std::optional<http::Principal> StandInAuthenticator::optional(const http::Request& request) {
  const auto authorization = request.header("Authorization");
  return authorization ? principal_of(*authorization) : std::nullopt;
}

Result<std::unique_ptr<ServedRoutes>> ServedRoutes::start(http::Router& router, ws::Hub& hub,
                                                          metrics::Registry& registry) {
  auto served = std::make_unique<ServedRoutes>(Key{});
  auto& config = served->config_;
  config.host = "127.0.0.1";
  config.port = 0;
  config.io_threads = 1;
  config.worker_threads = 2;
  config.web_root = served->dir_.path().string();
  config.docs_dir = served->dir_.path().string();
  router.set_guard(stand_in_guard);
  served->server_ = std::make_unique<http::Server>(config, router, hub, registry);
  auto port = served->server_->listen(false);
  if (!port) return std::unexpected(port.error());
  served->port_ = *port;
  served->thread_ = std::thread([server = served->server_.get()] { server->run(); });
  return served;
}

ServedRoutes::~ServedRoutes() {
  if (!thread_.joinable()) return;
  server_->request_stop();
  thread_.join();
}

}  // namespace reskflow::modules::testing

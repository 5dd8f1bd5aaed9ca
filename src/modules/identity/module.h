// The identity module: accounts, sessions, MFA, roles and ownership, API keys, rate limits,
// audit and personal-data protection; it installs the router guard every other module relies
// on.
#pragma once

#include <memory>
#include <optional>

#include <boost/json/array.hpp>

#include "metrics.h"
#include "reskflow/identity/cluster.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/modules/rate_limiter.h"
#include "service.h"

namespace reskflow::identity {

class IdentityModuleImpl final : public IdentityModule,
                                 public Directory,
                                 public modules::Authenticator {
 public:
  // Without `cluster`, rate limits and the session cache are this node's own.
  IdentityModuleImpl(const modules::Platform& platform, const IdentitySettings& settings,
                     std::optional<ClusterDeps> cluster = std::nullopt);
  ~IdentityModuleImpl() override;

  std::string_view name() const override { return "identity"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Refuses to start when a route of the node admits API keys without a known scope.
  Status start() override;
  void stop() override;

  http::Guard guard() override;
  Directory& directory() override { return *this; }
  modules::Authenticator& authenticator() override { return *this; }

  // Authenticator
  Result<http::Principal> required(const http::Request& request) override;
  std::optional<http::Principal> optional(const http::Request& request) override;

  // Directory
  Result<std::optional<MerchantLevel>> merchant_level(std::string_view merchant_id,
                                                      std::string_view user_id) override;
  Status require_merchant_staff(const http::Principal& caller, std::string_view merchant_id,
                                MerchantLevel min) override;
  Status put_merchant_member(store::Transaction& tx, std::string_view merchant_id,
                             std::string_view user_id, MerchantLevel level) override;
  Result<std::vector<MerchantMember>> merchants_of(std::string_view user_id) override;
  Result<bool> age_verified(std::string_view user_id) override;
  Result<std::optional<Contact>> contact(std::string_view user_id) override;
  Result<Mail> open_mail(std::string_view payload_json) override;
  Status append_audit(store::Transaction& tx, const http::Request& request,
                      const AuditRecord& record) override;

  // Authenticates a request (Authorization: Bearer / ApiKey, X-API-Key).
  Result<Authenticated> authenticate(const http::Request& request);
  // The hub's upgrade authenticator: redeems ?ticket=, refuses ?access_token=.
  Result<std::optional<http::Principal>> authenticate_upgrade(const http::Request& upgrade);
  // The guard's decision for one request (exposed for the route-inventory test).
  std::optional<http::Response> check(http::Request& request, const http::Route& route);
  // 429 for the client address when the auth bucket is empty, nullopt otherwise.
  std::optional<http::Response> limit_client(const http::Request& request);
  // 429 when the refresh token's session has used its refresh budget; a token of no session
  // draws from the client address's auth bucket instead.
  std::optional<http::Response> limit_refresh(const http::Request& request,
                                              std::string_view refresh_token);

  Services& services() { return services_; }
  // Every route of the platform with its access declaration (GET /v1/admin/routes).
  boost::json::array route_inventory() const;
  IdentityMetrics& metrics() { return metrics_; }

 private:
  void prune();

  modules::Platform platform_;
  Services services_;
  IdentityMetrics metrics_;
  modules::Broadcast* broadcast_;  // nullptr: this node alone
  std::unique_ptr<modules::RateLimiter> client_limiter_;
  std::unique_ptr<modules::RateLimiter> caller_limiter_;
  std::unique_ptr<modules::RateLimiter> refresh_limiter_;
  const http::Router* router_ = nullptr;  // set by add_routes; routes never change after start
  modules::BackgroundLoop pruner_;
};

// The HTTP binding (routes_*.cc).
Status add_auth_routes(http::Router& router, IdentityModuleImpl& module);
Status add_me_routes(http::Router& router, IdentityModuleImpl& module);
Status add_admin_routes(http::Router& router, IdentityModuleImpl& module);
Status add_member_routes(http::Router& router, IdentityModuleImpl& module);
Status add_invitation_routes(http::Router& router, IdentityModuleImpl& module);

// A 429 problem with Retry-After and the RateLimit-* headers.
http::Response rate_limited_response(const http::Request& request,
                                     const modules::RateDecision& decision);

}  // namespace reskflow::identity

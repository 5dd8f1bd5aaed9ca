// The identity module's lifecycle, its guard, the Directory other modules call, and the
// command-line entry points (admin creation, key rotation).
#include "module.h"

#include <boost/json.hpp>

#include <algorithm>

#include "crypto.h"
#include "mail.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/settings.h"
#include "routes_common.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_identity();

namespace reskflow::identity {
namespace {

http::Response denied(const http::Request& request, ErrorCode code, std::string detail) {
  auto r = http::problem(Error{code, std::move(detail), {}}, request.request_id, request.path);
  if (code == ErrorCode::unauthenticated) r.set_header("WWW-Authenticate", "Bearer");
  return r;
}

bool has_role(const std::vector<std::string>& roles, std::string_view role) {
  for (const auto& r : roles) {
    if (r == role) return true;
  }
  return false;
}

// Routes an admin without a second factor may still call: enough to enrol TOTP.
bool mfa_enrolment_route(std::string_view pattern) {
  return pattern == "/v1/me" || pattern.starts_with("/v1/me/mfa/") || pattern == "/v1/auth/logout";
}

constexpr std::string_view second_factor_needed =
    "administrators need a session with a second factor; enrol TOTP at /v1/me/mfa/totp and log "
    "in again";

bool known_scope(std::string_view scope) {
  return std::ranges::find(api_key_scopes, scope) != api_key_scopes.end();
}

// What is wrong with a route's scope declaration, or nothing: a route API keys can reach (its
// roles name partner) needs a known scope or every_key; a route they cannot reach needs none.
std::optional<std::string> scope_declaration_error(const http::Route& route) {
  if (!route.access || route.access->anonymous) return std::nullopt;
  const auto& access = *route.access;
  const auto name = std::string(http::method_name(route.method)) + " " + route.pattern;
  if (!has_role(access.roles, role_partner)) {
    if (access.scope.empty()) return std::nullopt;
    return name + " declares the scope " + access.scope + ", but API keys cannot reach it";
  }
  if (access.scope.empty())
    return name + " admits API keys (role partner) but declares no scope they need";
  if (access.scope == http::Access::every_key || known_scope(access.scope)) return std::nullopt;
  return name + " declares the unknown scope " + access.scope +
         " (add it to identity::api_key_scopes and docs/identity.md)";
}

// The cluster's shared buckets when it has them, else this node's.
std::unique_ptr<modules::RateLimiter> make_limiter(const std::optional<ClusterDeps>& cluster,
                                                   std::string_view name,
                                                   modules::RateLimit limit) {
  if (cluster) return cluster->rate_limiters.make(name, limit);
  return modules::LocalRateLimiters().make(name, limit);
}

}  // namespace

store::MigrationSet migrations() { return {"identity", reskflow_migrations_identity()}; }

IdentityModuleImpl::IdentityModuleImpl(const modules::Platform& platform,
                                       const IdentitySettings& settings,
                                       std::optional<ClusterDeps> cluster)
    : platform_(platform),
      services_(platform.database, settings),
      metrics_(platform.metrics),
      broadcast_(cluster ? &cluster->broadcast : nullptr),
      client_limiter_(make_limiter(cluster, "identity.auth", settings.auth_rate)),
      caller_limiter_(make_limiter(cluster, "identity.caller", settings.user_rate)),
      refresh_limiter_(make_limiter(cluster, "identity.refresh", settings.refresh_rate)),
      pruner_(modules::leased_loop(platform, "identity_prune",
                                   std::chrono::seconds(settings.prune_interval_s),
                                   [this] { prune(); })) {}

std::span<const store::EmbeddedFile> IdentityModuleImpl::migrations() const {
  return reskflow_migrations_identity();
}

Status IdentityModuleImpl::add_routes(http::Router& router) {
  router_ = &router;
  for (auto add : {add_auth_routes, add_me_routes, add_admin_routes, add_member_routes,
                   add_invitation_routes}) {
    if (auto ok = add(router, *this); !ok) return ok;
  }
  return {};
}

IdentityModuleImpl::~IdentityModuleImpl() { stop(); }

void IdentityModuleImpl::stop() {
  pruner_.stop(std::chrono::milliseconds(platform_.config.shutdown_timeout_ms));
}

void IdentityModuleImpl::prune() {
  if (auto n = services_.sessions.prune(); n) {
    log::info("identity_pruned", {{"rows", *n}});
  } else {
    log::warn("identity_prune_failed", {{"detail", n.error().detail}});
  }
}

Status IdentityModuleImpl::start() {
  if (router_ != nullptr) {
    for (const auto* route : router_->routes()) {
      if (auto wrong = scope_declaration_error(*route))
        return fail(ErrorCode::validation_failed, "a route declares API-key scopes wrongly",
                    {{"routes", *wrong}});
    }
  }
  platform_.hub.set_upgrade_authenticator(
      [this](const http::Request& upgrade) { return authenticate_upgrade(upgrade); });
  if (broadcast_ != nullptr) services_.sessions.share_through(*broadcast_);
  pruner_.start();
  return {};
}

boost::json::array IdentityModuleImpl::route_inventory() const {
  boost::json::array out;
  if (router_ == nullptr) return out;
  for (const auto* r : router_->routes()) {
    boost::json::object one{{"method", http::method_name(r->method)},
                            {"pattern", r->pattern},
                            {"module", r->module},
                            {"declared", r->access.has_value()}};
    if (r->access) {
      one["anonymous"] = r->access->anonymous;
      one["roles"] = boost::json::value_from(r->access->roles);
      one["ownership"] = r->access->ownership;
      one["scope"] =
          r->access->scope.empty() ? boost::json::value() : boost::json::value(r->access->scope);
    }
    out.push_back(std::move(one));
  }
  return out;
}

http::Guard IdentityModuleImpl::guard() {
  return [this](http::Request& request, const http::Route& route) { return check(request, route); };
}

Result<Authenticated> IdentityModuleImpl::authenticate(const http::Request& request) {
  if (const auto auth = request.header("Authorization")) {
    const auto space = auth->find(' ');
    const auto scheme = auth->substr(0, space);
    const auto value =
        space == std::string_view::npos ? std::string_view{} : auth->substr(space + 1);
    if (http::iequals(scheme, "Bearer")) return services_.sessions.authenticate_bearer(value);
    if (http::iequals(scheme, "ApiKey")) return services_.api_keys.authenticate(value);
    return fail(ErrorCode::unauthenticated, "unsupported authorization scheme");
  }
  if (const auto key = request.header("X-API-Key")) return services_.api_keys.authenticate(*key);
  return fail(ErrorCode::unauthenticated, "credentials required");
}

// A browser cannot set headers on a WebSocket handshake: it trades its access token for a
// single-use ticket (POST /v1/ws/tickets) and opens /v1/ws?ticket=. Tokens in URLs end up in
// proxy logs, so ?access_token= is refused.
Result<std::optional<http::Principal>> IdentityModuleImpl::authenticate_upgrade(
    const http::Request& upgrade) {
  if (upgrade.query_param("access_token"))
    return fail(ErrorCode::unauthenticated,
                "access_token in the URL is not accepted: open /v1/ws?ticket= with a ticket from "
                "POST /v1/ws/tickets");
  const auto ticket = upgrade.query_param("ticket");
  if (!ticket) return std::optional<http::Principal>{};
  auto who = services_.sessions.redeem_ws_ticket(*ticket);
  if (!who) {
    metrics_.guard_unauthenticated.inc();
    return std::unexpected(who.error());
  }
  return std::optional<http::Principal>(who->principal);
}

Result<http::Principal> IdentityModuleImpl::required(const http::Request& request) {
  if (request.principal) return *request.principal;  // a redeemed WebSocket ticket
  auto who = authenticate(request);
  if (!who) return std::unexpected(who.error());
  if (who->principal.role == role_admin && !who->mfa)
    return fail(ErrorCode::forbidden, std::string(second_factor_needed));
  return std::move(who->principal);
}

std::optional<http::Principal> IdentityModuleImpl::optional(const http::Request& request) {
  auto who = required(request);
  if (!who) return std::nullopt;
  return std::move(*who);
}

std::optional<http::Response> IdentityModuleImpl::check(http::Request& request,
                                                        const http::Route& route) {
  auto who = authenticate(request);
  if (!who) {
    metrics_.guard_unauthenticated.inc();
    return denied(request, ErrorCode::unauthenticated, "valid credentials are required");
  }
  const auto& p = who->principal;
  const auto decision = caller_limiter_->take((p.role == role_partner ? "k:" : "u:") + p.subject);
  if (!decision.allowed) {
    metrics_.rate_limited.inc();
    return rate_limited_response(request, decision);
  }
  const auto& access = *route.access;
  // API keys reach only the routes that name the partner role, and need the route's scope.
  const bool role_ok =
      access.roles.empty() ? p.role != role_partner : has_role(access.roles, p.role);
  if (!role_ok) {
    metrics_.guard_forbidden.inc();
    return denied(request, ErrorCode::forbidden, "this role may not call this route");
  }
  if (auto scoped = require_scope(p, access.scope); !scoped) {
    metrics_.guard_forbidden.inc();
    return http::problem(scoped.error(), request.request_id, request.path);
  }
  if (p.role == role_admin && !who->mfa && !mfa_enrolment_route(route.pattern)) {
    metrics_.guard_forbidden.inc();
    return denied(request, ErrorCode::forbidden, std::string(second_factor_needed));
  }
  request.principal = p;
  return std::nullopt;
}

std::optional<http::Response> IdentityModuleImpl::limit_client(const http::Request& request) {
  const auto decision = client_limiter_->take("ip:" + request.client_ip);
  if (decision.allowed) return std::nullopt;
  metrics_.rate_limited.inc();
  return rate_limited_response(request, decision);
}

std::optional<http::Response> IdentityModuleImpl::limit_refresh(const http::Request& request,
                                                                std::string_view refresh_token) {
  auto session = services_.sessions.session_of(refresh_token);
  if (!session || !*session) return limit_client(request);
  const auto decision = refresh_limiter_->take("s:" + **session);
  if (decision.allowed) return std::nullopt;
  metrics_.rate_limited.inc();
  return rate_limited_response(request, decision);
}

http::Response rate_limited_response(const http::Request& request,
                                     const modules::RateDecision& decision) {
  auto r = http::problem(Error{ErrorCode::rate_limited, "too many requests; retry later", {}},
                         request.request_id, request.path);
  r.set_header("Retry-After", std::to_string(decision.retry_after_seconds));
  r.set_header("RateLimit-Limit", std::to_string(decision.limit));
  r.set_header("RateLimit-Remaining", std::to_string(decision.remaining));
  r.set_header("RateLimit-Reset", std::to_string(decision.reset_seconds));
  return r;
}

Result<std::optional<MerchantLevel>> IdentityModuleImpl::merchant_level(
    std::string_view merchant_id, std::string_view user_id) {
  return services_.members.merchant_level(std::string(merchant_id), std::string(user_id));
}

Status IdentityModuleImpl::require_merchant_staff(const http::Principal& caller,
                                                  std::string_view merchant_id, MerchantLevel min) {
  if (caller.role == role_admin) return {};
  if (caller.role != role_merchant) return fail(ErrorCode::not_found, "no such merchant");
  auto level = services_.members.merchant_level(std::string(merchant_id), caller.subject);
  if (!level) return std::unexpected(level.error());
  if (!*level || **level < min) return fail(ErrorCode::not_found, "no such merchant");
  return {};
}

Status IdentityModuleImpl::put_merchant_member(store::Transaction& tx, std::string_view merchant_id,
                                               std::string_view user_id, MerchantLevel level) {
  return services_.members.put_member(tx, std::string(merchant_id), std::string(user_id), level);
}

Result<std::vector<MerchantMember>> IdentityModuleImpl::merchants_of(std::string_view user_id) {
  return services_.members.merchants_of(std::string(user_id));
}

Result<bool> IdentityModuleImpl::age_verified(std::string_view user_id) {
  return services_.id_verification.age_verified(std::string(user_id));
}

Result<std::optional<Contact>> IdentityModuleImpl::contact(std::string_view user_id) {
  auto profile = services_.accounts.profile(std::string(user_id));
  if (!profile && profile.error().code == ErrorCode::not_found) return std::optional<Contact>();
  if (!profile) return std::unexpected(profile.error());
  if (profile->status != "active") return std::optional<Contact>();
  return std::optional(Contact{profile->email, profile->phone.value_or(""), profile->name});
}

Result<Mail> IdentityModuleImpl::open_mail(std::string_view payload_json) {
  RF_TRY(message, services_.mail.open(payload_json));
  return Mail{std::move(message->to), std::move(message->subject), std::move(message->body)};
}

Status IdentityModuleImpl::append_audit(store::Transaction& tx, const http::Request& request,
                                        const AuditRecord& record) {
  if (!request.principal) return fail(ErrorCode::unauthenticated, "no caller to audit");
  return services_.audit.append(tx, actor_of(request), origin_of(request),
                                {record.action, record.target_type, record.target_id, "success",
                                 json::serialize(record.detail), record.target_name});
}

namespace {

Result<std::unique_ptr<IdentityModule>> make_identity(const modules::Platform& platform,
                                                      std::optional<ClusterDeps> cluster) {
  crypto_ready();
  auto settings = load_settings(platform.config, modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<IdentityModuleImpl>(platform, std::move(*settings), cluster);
}

}  // namespace

Result<std::unique_ptr<IdentityModule>> make_module(const modules::Platform& platform,
                                                    Deps /*deps*/) {
  return make_identity(platform, std::nullopt);
}

Result<std::unique_ptr<IdentityModule>> make_module(const modules::Platform& platform,
                                                    Deps /*deps*/, ClusterDeps cluster) {
  return make_identity(platform, cluster);
}

Result<CreatedAdmin> create_admin(store::Database& database, const Config& config,
                                  std::string_view email, std::string_view name) {
  crypto_ready();
  auto settings = load_settings(config, modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  Services services(database, std::move(*settings));
  if (!plausible_email(normalise_email(email)))
    return fail(ErrorCode::validation_failed, "not an email address", {{"email", "is invalid"}});
  const auto password = base64url_encode(random_bytes(18));
  auto created = services.admin.create_user(
      {"cli", "system"},
      {std::string(email), password, std::string(name), std::nullopt, std::string(role_admin)},
      {"local", "reskflow admin create", ""});
  if (!created) return std::unexpected(created.error());
  return CreatedAdmin{created->id, password};
}

Result<RotationReport> rotate_data_keys(store::Database& database, const Config& config) {
  crypto_ready();
  auto settings = load_settings(config, modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  const auto kid = settings->data_keys.front().kid;
  Services services(database, std::move(*settings));
  auto n = services.privacy.rotate_keys(200);
  if (!n) return std::unexpected(n.error());
  return RotationReport{kid, *n};
}

}  // namespace reskflow::identity

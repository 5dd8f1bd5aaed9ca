// HTTP binding of /v1/auth/*: register, login, MFA, refresh, logout, password reset, email
// verification. The anonymous ones draw from the per-address bucket; refresh from its session's.
#include "crypto.h"
#include "routes_common.h"

namespace reskflow::identity {
namespace {

http::Response register_account(IdentityModuleImpl& m, http::Request& request) {
  if (auto limited = m.limit_client(request)) return *limited;
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto a =
      read_new_account(in, {"customer", "merchant", "driver"}, m.services().context.policy());
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto pair = m.services().auth.register_account(a, origin_of(request));
  if (!pair) return error_response(request, pair.error());
  return token_response(*pair, 201);
}

http::Response login(IdentityModuleImpl& m, http::Request& request) {
  if (auto limited = m.limit_client(request)) return *limited;
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto email = in.string("email", {true, 1, 254});
  const auto password = in.string("password", {true, 1, 1024});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto outcome = m.services().auth.login(*email, *password, origin_of(request));
  if (!outcome) return error_response(request, outcome.error());
  if (const auto* pair = std::get_if<TokenPair>(&*outcome)) {
    m.metrics().logins_succeeded.inc();
    return token_response(*pair);
  }
  if (const auto* challenge = std::get_if<MfaChallenge>(&*outcome)) {
    auto r = http::json(200, {{"mfa_required", true},
                              {"mfa_token", challenge->mfa_token},
                              {"expires_in", challenge->expires_in_s},
                              {"methods", boost::json::array{"totp", "recovery_code"}}});
    r.set_header("Cache-Control", "no-store");
    return r;
  }
  const auto& refused = std::get<LoginRefused>(*outcome);
  if (refused.retry_after_s > 0) {
    m.metrics().logins_locked.inc();
    auto r = error_response(request,
                            {ErrorCode::rate_limited, "too many failed logins; retry later", {}});
    r.set_header("Retry-After", std::to_string(refused.retry_after_s));
    return r;
  }
  m.metrics().logins_failed.inc();
  return error_response(request, {ErrorCode::unauthenticated, "invalid email or password", {}});
}

http::Response complete_mfa(IdentityModuleImpl& m, http::Request& request) {
  if (auto limited = m.limit_client(request)) return *limited;
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto token = in.string("mfa_token", {true, 1, 4096});
  const auto code = in.string("code", {true, 6, 32});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto outcome = m.services().auth.complete_mfa(*token, *code, origin_of(request));
  if (!outcome) return error_response(request, outcome.error());
  if (const auto* refused = std::get_if<LoginRefused>(&*outcome)) {
    auto r =
        error_response(request, {ErrorCode::rate_limited, "too many wrong codes; retry later", {}});
    r.set_header("Retry-After", std::to_string(refused->retry_after_s));
    return r;
  }
  return token_response(std::get<TokenPair>(*outcome));
}

// Refresh has its own budget per session (issue 20: reloading a portal ten times a minute used
// up the address's login budget and logged the user out); unknown tokens cost the address.
http::Response refresh(IdentityModuleImpl& m, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) {
    if (auto limited = m.limit_client(request)) return *limited;
    return error_response(request, body.error());
  }
  json::ObjectReader in(*body);
  in.one_of("grant_type", {"refresh_token"}, false);
  const auto token = in.string("refresh_token", {true, 1, 512});
  if (auto ok = in.finish(); !ok) {
    if (auto limited = m.limit_client(request)) return *limited;
    return error_response(request, ok.error());
  }
  if (auto limited = m.limit_refresh(request, *token)) return *limited;
  auto pair = m.services().sessions.refresh(*token, origin_of(request));
  if (!pair) return error_response(request, pair.error());
  return token_response(*pair);
}

http::Response one_field(IdentityModuleImpl& m, http::Request& request,
                         const std::function<Status(const std::string&, const Origin&)>& act,
                         std::string_view field, int status) {
  if (auto limited = m.limit_client(request)) return *limited;
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto value = in.string(field, {true, 1, 512});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  if (auto done = act(*value, origin_of(request)); !done)
    return error_response(request, done.error());
  auto r = no_content();
  r.status = status;
  return r;
}

http::Response confirm_reset(IdentityModuleImpl& m, http::Request& request) {
  if (auto limited = m.limit_client(request)) return *limited;
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto token = in.string("token", {true, 1, 512});
  const auto password = in.string("password", {true, 1, 1024});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_status(
      request, m.services().accounts.confirm_password_reset(*token, *password, origin_of(request)));
}

}  // namespace

Status add_auth_routes(http::Router& router, IdentityModuleImpl& m) {
  using http::Access;
  using http::Method;
  auto& s = m.services();
  return router.add_all(
      {route(Method::post, "/v1/auth/register", Access::anyone(),
             [&m](http::Request& r) { return register_account(m, r); }),
       route(Method::post, "/v1/auth/login", Access::anyone(),
             [&m](http::Request& r) { return login(m, r); }),
       route(Method::post, "/v1/auth/mfa", Access::anyone(),
             [&m](http::Request& r) { return complete_mfa(m, r); }),
       route(Method::post, "/v1/auth/refresh", Access::anyone(),
             [&m](http::Request& r) { return refresh(m, r); }),
       route(Method::post, "/v1/auth/logout", Access::authenticated("self"),
             [&s](http::Request& r) {
               return render_status(r, s.sessions.logout(*r.principal, origin_of(r)));
             }),
       route(Method::post, "/v1/auth/password-reset", Access::anyone(),
             [&m, &s](http::Request& r) {
               return one_field(
                   m, r,
                   [&s](const std::string& email, const Origin& o) {
                     return s.accounts.request_password_reset(email, o);
                   },
                   "email", 202);
             }),
       route(Method::post, "/v1/auth/password-reset/confirm", Access::anyone(),
             [&m](http::Request& r) { return confirm_reset(m, r); }),
       route(Method::post, "/v1/auth/verify-email", Access::anyone(), [&m, &s](http::Request& r) {
         return one_field(
             m, r,
             [&s](const std::string& t, const Origin& o) { return s.accounts.verify_email(t, o); },
             "token", 204);
       })});
}

}  // namespace reskflow::identity

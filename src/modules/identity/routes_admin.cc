// HTTP binding of /v1/admin/*: users (create, search, suspend, reinstate, role), partner API
// keys, the audit log and the ID verification queue. Admin role and a second factor are
// enforced by the guard before any of these handlers runs.
#include <algorithm>
#include <charconv>

#include "reskflow/modules/utc_time.h"
#include "routes_common.h"

namespace reskflow::identity {
namespace {

std::vector<std::string> all_roles() {
  return {std::string(role_customer), std::string(role_merchant), std::string(role_driver),
          std::string(role_admin), std::string(role_partner)};
}

std::optional<std::string> query_text(const http::Request& r, std::string_view name) {
  const auto v = r.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return std::string(*v);
}

std::optional<std::int64_t> query_int(const http::Request& r, std::string_view name) {
  const auto v = r.query_param(name);
  std::int64_t out = 0;
  if (!v || std::from_chars(v->data(), v->data() + v->size(), out).ec != std::errc{})
    return std::nullopt;
  return out;
}

// An ISO 8601 UTC time of the query (nullopt when absent); a field error when malformed.
Result<std::optional<std::int64_t>> query_time(const http::Request& r, std::string_view name) {
  const auto text = query_text(r, name);
  if (!text) return std::optional<std::int64_t>{};
  const auto at = modules::parse_iso_utc(*text);
  if (!at) {
    return fail(ErrorCode::validation_failed, "a query parameter is malformed",
                {{std::string(name), "must be an ISO 8601 UTC time, like 2026-11-28T09:30:00Z"}});
  }
  return at;
}

std::int64_t limit_of(const http::Request& r) {
  return std::clamp<std::int64_t>(query_int(r, "limit").value_or(50), 1, 500);
}

http::Response create_user(Services& s, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto a = read_new_account(in, all_roles(), s.context.policy());
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render(request, s.admin.create_user(actor_of(request), a, origin_of(request)),
                created_user_document, 201);
}

// The scopes of a new API key: each one of identity::api_key_scopes, so that a typo is refused
// here instead of giving a key that every route turns away.
std::vector<std::string> read_scopes(json::ObjectReader& in) {
  std::vector<std::string> scopes;
  const auto* list = in.array("scopes", 32);
  if (list == nullptr) return scopes;
  std::string known;
  for (auto scope : api_key_scopes) known += (known.empty() ? "" : ", ") + std::string(scope);
  for (const auto& v : *list) {
    const auto* text = v.if_string();
    if (text == nullptr ||
        std::ranges::find(api_key_scopes, std::string_view(*text)) == api_key_scopes.end()) {
      in.add_error("scopes", "must list known scopes: " + known);
      break;
    }
    scopes.emplace_back(*text);
  }
  return scopes;
}

http::Response create_key(Services& s, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto name = in.string("name", {true, 1, 200});
  const auto partner = in.string("partner_user_id", {false, 36, 36});
  const auto scopes = read_scopes(in);
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render(request,
                s.api_keys.create(actor_of(request), *name, partner, scopes, origin_of(request)),
                new_api_key_document, 201);
}

http::Response decide(Services& s, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto decision = in.one_of("decision", {"approved", "rejected"});
  const auto reason = in.string("reason", {false, 1, 500});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_status(
      request,
      s.id_verification.decide(actor_of(request), std::string(*request.param("id")),
                               *decision == "approved", reason.value_or(""), origin_of(request)));
}

http::Response set_role(Services& s, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto role = in.one_of("role", all_roles());
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_status(
      request, s.admin.set_user_role(actor_of(request), std::string(*request.param("user_id")),
                                     *role, origin_of(request)));
}

std::vector<http::Route> user_routes(Services& s, const http::Access& admin) {
  using http::Method;
  return {
      route(Method::get, "/v1/admin/users", admin,
            [&s](http::Request& r) {
              UserFilter f{query_text(r, "email"), query_text(r, "role"),   query_text(r, "status"),
                           query_text(r, "q"),     query_text(r, "cursor"), limit_of(r)};
              return render_list(r, s.admin.search_users(f), user_documents, f.limit);
            }),
      http::idempotent(route(Method::post, "/v1/admin/users", admin,
                             [&s](http::Request& r) { return create_user(s, r); })),
      route(Method::post, "/v1/admin/users/{user_id}/suspend", admin,
            [&s](http::Request& r) {
              return render_status(
                  r, s.admin.set_user_status(actor_of(r), std::string(*r.param("user_id")),
                                             "suspended", origin_of(r)));
            }),
      route(Method::post, "/v1/admin/users/{user_id}/reinstate", admin,
            [&s](http::Request& r) {
              return render_status(
                  r, s.admin.set_user_status(actor_of(r), std::string(*r.param("user_id")),
                                             "active", origin_of(r)));
            }),
      route(Method::put, "/v1/admin/users/{user_id}/role", admin,
            [&s](http::Request& r) { return set_role(s, r); }),
  };
}

// The document image of a submission, for the admin reviewing it: never cached anywhere.
http::Response id_image(Services& s, http::Request& request) {
  auto file = s.id_images.for_review(actor_of(request), std::string(*request.param("id")),
                                     origin_of(request));
  if (!file) return error_response(request, file.error());
  http::Response response{200, file->media_type, {}, std::move(file->bytes), {}};
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Content-Type-Options", "nosniff");
  return response;
}

}  // namespace

Status add_admin_routes(http::Router& router, IdentityModuleImpl& m) {
  using http::Method;
  auto& s = m.services();
  const auto admin = http::Access::roles_in({std::string(role_admin)});
  auto routes = user_routes(s, admin);
  std::vector<http::Route> more{
      route(
          Method::get, "/v1/admin/api-keys", admin,
          [&s](http::Request& r) { return render_list(r, s.api_keys.list(), api_key_documents); }),
      route(Method::post, "/v1/admin/api-keys", admin,
            [&s](http::Request& r) { return create_key(s, r); }),
      route(Method::delete_, "/v1/admin/api-keys/{key_id}", admin,
            [&s](http::Request& r) {
              return render_status(
                  r, s.api_keys.revoke(actor_of(r), std::string(*r.param("key_id")), origin_of(r)));
            }),
      route(Method::get, "/v1/admin/audit", admin,
            [&s](http::Request& r) {
              const auto since = query_time(r, "since");
              if (!since) return error_response(r, since.error());
              const auto until = query_time(r, "until");
              if (!until) return error_response(r, until.error());
              AuditFilter f{query_text(r, "actor_id"),
                            query_text(r, "action"),
                            query_text(r, "target_id"),
                            *since,
                            *until,
                            query_text(r, "cursor"),
                            limit_of(r)};
              return render_list(r, s.audit.query(f), audit_documents, f.limit);
            }),
      route(Method::get, "/v1/admin/routes", admin,
            [&m](http::Request& r) { return render_list(r, m.route_inventory()); }),
      route(Method::get, "/v1/admin/id-verifications", admin,
            [&s](http::Request& r) {
              const auto limit = limit_of(r);
              return render_list(
                  r,
                  s.id_verification.queue(query_text(r, "status").value_or("submitted"),
                                          query_text(r, "cursor"), limit),
                  id_queue_documents, limit);
            }),
      route(Method::post, "/v1/admin/id-verifications/{id}/decision", admin,
            [&s](http::Request& r) { return decide(s, r); }),
      route(Method::get, "/v1/admin/id-verifications/{id}/image", admin,
            [&s](http::Request& r) { return id_image(s, r); }),
  };
  for (auto& r : more) routes.push_back(std::move(r));
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::identity

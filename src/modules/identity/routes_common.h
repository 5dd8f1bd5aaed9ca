// Helpers every identity route file shares: request origin, error rendering, body reading.
#pragma once

#include <boost/json.hpp>
#include <utility>

#include "module.h"
#include "render.h"
#include "reskflow/core/json_body.h"
#include "reskflow/modules/routes.h"

namespace reskflow::identity {

inline Origin origin_of(const http::Request& r) {
  return {r.client_ip, std::string(r.header("User-Agent").value_or("")), r.request_id};
}

inline Actor actor_of(const http::Request& r) { return {r.principal->subject, r.principal->role}; }

using modules::error_response;
using modules::no_content;

// The result's document (`document` renders it: render.h), never cached; or its problem.
template <class T, class Document>
http::Response render(const http::Request& request, const Result<T>& result, Document document,
                      int status = 200) {
  if (!result) return error_response(request, result.error());
  auto r = http::json(status, document(*result));
  r.set_header("Cache-Control", "no-store");
  return r;
}

// A list in the API's shape, never cached: {"data": [...], "has_more": ..., "next_cursor": ...}.
// With a `limit`, `rows` may hold one row more (the query asked for limit + 1 to learn that more
// remain): it is dropped, and the id of the last row kept is the cursor of the next page.
inline http::Response render_list(const http::Request& request, Result<boost::json::array> rows,
                                  std::optional<std::int64_t> limit = std::nullopt) {
  if (!rows) return error_response(request, rows.error());
  const bool more = limit && std::cmp_greater(rows->size(), *limit);
  if (more) rows->resize(static_cast<std::size_t>(*limit));
  boost::json::value next = nullptr;
  if (more && !rows->empty()) next = rows->back().as_object().at("id");
  auto r = http::json(200, {{"data", std::move(*rows)}, {"has_more", more}, {"next_cursor", next}});
  r.set_header("Cache-Control", "no-store");
  return r;
}

// A list of typed rows rendered by `documents` (render.h), as render_list above.
template <class T, class Documents>
http::Response render_list(const http::Request& request, const Result<std::vector<T>>& rows,
                           Documents documents, std::optional<std::int64_t> limit = std::nullopt) {
  if (!rows) return error_response(request, rows.error());
  return render_list(request, Result<boost::json::array>(documents(*rows)), limit);
}

inline http::Response render_status(const http::Request& request, const Status& status) {
  return status ? no_content() : error_response(request, status.error());
}

// Reads {email, password, name, phone?, role} with role among `roles`; the password policy's
// verdict is a field error. Both self-registration and admins' account creation use it.
inline NewAccount read_new_account(json::ObjectReader& in, const std::vector<std::string>& roles,
                                   const PasswordPolicy& policy) {
  NewAccount a;
  a.email = normalise_email(in.string("email", {true, 3, 254}).value_or(""));
  a.password = in.string("password", {true, 1, 1024}).value_or("");
  a.name = in.string("name", {true, 1, 200}).value_or("");
  a.phone = in.string("phone", {false, 4, 32});
  a.role = in.one_of("role", roles).value_or("");
  if (!a.email.empty() && !plausible_email(a.email))
    in.add_error("email", "must be an email address");
  if (!a.password.empty())
    if (auto why = policy.check(a.password); !why.empty()) in.add_error("password", why);
  return a;
}

// RFC 6749 §5.1: the token response, never cached.
inline http::Response token_response(const TokenPair& t, int status = 200) {
  auto r = http::json(status, {{"access_token", t.access_token},
                               {"token_type", "Bearer"},
                               {"expires_in", t.expires_in_s},
                               {"refresh_token", t.refresh_token},
                               {"session_id", t.session_id}});
  r.set_header("Cache-Control", "no-store");
  r.set_header("Pragma", "no-cache");
  return r;
}

inline http::Route route(http::Method method, std::string pattern, http::Access access,
                         http::Handler handler) {
  return modules::worker_route("identity", method, std::move(pattern), std::move(access),
                               std::move(handler));
}

// The human roles (every role but partner, whose API keys reach partner routes only).
inline std::vector<std::string> people() {
  return {std::string(role_customer), std::string(role_merchant), std::string(role_driver),
          std::string(role_admin)};
}

}  // namespace reskflow::identity

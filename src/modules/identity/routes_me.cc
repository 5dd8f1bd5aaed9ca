// HTTP binding of the caller's own account: /v1/me (profile, export, erasure), password,
// sessions, TOTP, memberships, ID documents and WebSocket tickets. Every object is the caller's.
#include "routes_common.h"

namespace reskflow::identity {
namespace {

// PATCH /v1/me: absent fields stay, null clears phone or address, a string sets it.
http::Response patch_me(Services& s, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  ProfileChange change;
  for (const auto* key : {"phone", "address"}) {
    auto& slot = std::string_view(key) == "phone" ? change.phone : change.address;
    if (const auto* v = body->if_contains(key); v != nullptr && v->is_null()) {
      slot = std::optional<std::string>{};
      body->erase(key);
    }
  }
  json::ObjectReader in(*body);
  change.name = in.string("name", {false, 1, 200});
  if (auto phone = in.string("phone", {false, 4, 32})) change.phone = std::move(phone);
  if (auto address = in.string("address", {false, 1, 500})) change.address = std::move(address);
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render(request,
                s.accounts.update_profile(request.principal->subject, change, origin_of(request)),
                profile_document);
}

http::Response change_password(Services& s, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto current = in.string("current_password", {true, 1, 1024});
  const auto next = in.string("new_password", {true, 1, 1024});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_status(
      request, s.accounts.change_password(*request.principal, *current, *next, origin_of(request)));
}

std::optional<std::string> code_field(http::Request& request, http::Response& error) {
  auto body = json::parse_object(request);
  if (!body) {
    error = error_response(request, body.error());
    return std::nullopt;
  }
  json::ObjectReader in(*body);
  auto code = in.string("code", {true, 6, 32});
  if (auto ok = in.finish(); !ok) {
    error = error_response(request, ok.error());
    return std::nullopt;
  }
  return code;
}

http::Response erase_me(Services& s, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto password = in.string("password", {true, 1, 1024});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render_status(request, s.privacy.erase(actor_of(request), *password, origin_of(request)));
}

http::Response submit_document(Services& s, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto type = in.one_of("document_type", {"passport", "id_card", "driving_licence"});
  const auto number = in.string("document_number", {true, 3, 64});
  const auto birth = in.string("date_of_birth", {true, 10, 10});
  const auto image = in.string("image_ref", {true, 1, 500});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render(request,
                s.id_verification.submit(actor_of(request), {*type, *number, *birth, *image},
                                         origin_of(request)),
                submission_document, 201);
}

http::Response upload_id_image(Services& s, http::Request& request) {
  auto uploaded = s.id_images.upload(actor_of(request), request.header("Content-Type").value_or(""),
                                     request.body, origin_of(request));
  if (!uploaded) return error_response(request, uploaded.error());
  return modules::no_store(http::json(201, {{"image_ref", uploaded->image_ref},
                                            {"media_type", uploaded->media_type},
                                            {"size_bytes", uploaded->size_bytes},
                                            {"width", uploaded->width},
                                            {"height", uploaded->height}}));
}

std::vector<http::Route> mfa_routes(Services& s) {
  using http::Access;
  using http::Method;
  return {
      route(Method::post, "/v1/me/mfa/totp", Access::roles_in(people(), "self"),
            [&s](http::Request& r) {
              return render(r, s.mfa.enrol(r.principal->subject, origin_of(r)), enrolment_document,
                            201);
            }),
      route(Method::post, "/v1/me/mfa/totp/confirm", Access::roles_in(people(), "self"),
            [&s](http::Request& r) {
              http::Response error;
              const auto code = code_field(r, error);
              if (!code) return error;
              return render(r, s.mfa.confirm(*r.principal, *code, origin_of(r)),
                            [](const std::vector<std::string>& codes) {
                              return boost::json::object{
                                  {"enabled", true},
                                  {"recovery_codes", boost::json::value_from(codes)}};
                            });
            }),
      route(Method::post, "/v1/me/mfa/totp/disable", Access::roles_in(people(), "self"),
            [&s](http::Request& r) {
              http::Response error;
              const auto code = code_field(r, error);
              if (!code) return error;
              return render_status(r, s.mfa.disable(*r.principal, *code, origin_of(r)));
            }),
  };
}

std::vector<http::Route> session_routes(Services& s) {
  using http::Access;
  using http::Method;
  return {
      route(Method::get, "/v1/me/sessions", Access::roles_in(people(), "self"),
            [&s](http::Request& r) {
              return render_list(r, s.sessions.list(*r.principal), session_documents);
            }),
      route(Method::delete_, "/v1/me/sessions/{session_id}", Access::roles_in(people(), "self"),
            [&s](http::Request& r) {
              return render_status(
                  r, s.sessions.revoke(*r.principal, *r.param("session_id"), origin_of(r)));
            }),
      route(Method::post, "/v1/me/sessions/revoke-others", Access::roles_in(people(), "self"),
            [&s](http::Request& r) {
              auto n = s.sessions.revoke_others(*r.principal, origin_of(r));
              if (!n) return error_response(r, n.error());
              return http::json(200, {{"revoked", *n}});
            }),
  };
}

}  // namespace

Status add_me_routes(http::Router& router, IdentityModuleImpl& m) {
  using http::Access;
  using http::Method;
  auto& s = m.services();
  const auto self = Access::roles_in(people(), "self");
  std::vector<http::Route> routes{
      route(Method::get, "/v1/me", self,
            [&s](http::Request& r) {
              return render(r, s.accounts.profile(r.principal->subject), profile_document);
            }),
      route(Method::patch, "/v1/me", self, [&s](http::Request& r) { return patch_me(s, r); }),
      route(Method::delete_, "/v1/me", self, [&s](http::Request& r) { return erase_me(s, r); }),
      route(Method::get, "/v1/me/export", self,
            [&s](http::Request& r) {
              auto out =
                  render(r, s.privacy.export_data(actor_of(r), origin_of(r)), export_document);
              out.set_header("Content-Disposition", "attachment; filename=\"my-data.json\"");
              return out;
            }),
      route(Method::post, "/v1/me/password", self,
            [&s](http::Request& r) { return change_password(s, r); }),
      route(Method::post, "/v1/me/email-verification", self,
            [&s](http::Request& r) {
              auto ok = s.accounts.resend_verification(r.principal->subject);
              return ok ? http::json(202, {{"sent", true}}) : error_response(r, ok.error());
            }),
      route(Method::post, "/v1/ws/tickets", self,
            [&s](http::Request& r) {
              auto t = s.sessions.issue_ws_ticket(*r.principal);
              if (!t) return error_response(r, t.error());
              auto out = http::json(201, {{"ticket", t->ticket}, {"expires_in", t->expires_in_s}});
              out.set_header("Cache-Control", "no-store");
              return out;
            }),
      http::idempotent(
          route(Method::post, "/v1/id-verifications",
                Access::roles_in({std::string(role_customer), std::string(role_driver)}, "self"),
                [&s](http::Request& r) { return submit_document(s, r); })),
      http::idempotent(
          route(Method::post, "/v1/id-verifications/images",
                Access::roles_in({std::string(role_customer), std::string(role_driver)}, "self"),
                [&s](http::Request& r) { return upload_id_image(s, r); })),
      route(Method::get, "/v1/id-verifications/{id}",
            Access::roles_in(
                {std::string(role_customer), std::string(role_driver), std::string(role_admin)},
                "self"),
            [&s](http::Request& r) {
              return render(r, s.id_verification.get(actor_of(r), std::string(*r.param("id"))),
                            id_verification_document);
            }),
  };
  for (auto&& more : {mfa_routes(s), session_routes(s)}) {
    for (const auto& r : more) routes.push_back(r);
  }
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::identity

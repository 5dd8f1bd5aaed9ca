// HTTP binding of group carts: make the invite or show it again, preview and join it, remove
// or leave.
#include "cart_limits.h"
#include "routes_common.h"

namespace reskflow::carts {
namespace {

constexpr std::string_view invite_path_prefix = "/customer/group/";

// {"display_name": "..."}; `fallback` when the body is empty and a fallback is allowed.
Result<std::string> read_display_name(const http::Request& request,
                                      std::optional<std::string_view> fallback) {
  if (request.body.empty() && fallback) return std::string(*fallback);
  auto body = json::parse_object(request);
  if (!body) return std::unexpected(body.error());
  json::ObjectReader in(*body);
  auto name = in.string("display_name",
                        {!fallback.has_value(), display_name_chars_min, display_name_chars_max});
  if (auto ok = in.finish(); !ok) return std::unexpected(ok.error());
  return name.value_or(std::string(fallback.value_or("")));
}

http::Response invitation_response(const http::Request& request,
                                   const Result<Invitation>& invitation) {
  if (!invitation) return error_response(request, invitation.error());
  auto r = http::json(200, {{"invite_token", invitation->token},
                            {"invite_path", std::string(invite_path_prefix) + invitation->token},
                            {"cart", cart_document(invitation->cart)}});
  r.set_header("ETag", etag_of(invitation->cart.version));
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response make_group(Service& service, http::Request& request) {
  auto expected = if_match_of(request);
  if (!expected) return error_response(request, expected.error());
  auto name = read_display_name(request, "Host");
  if (!name) return error_response(request, name.error());
  return invitation_response(
      request, service.make_group(caller_of(request), param(request, "cart_id"), *name, *expected));
}

http::Response join(Service& service, http::Request& request) {
  auto name = read_display_name(request, std::nullopt);
  if (!name) return error_response(request, name.error());
  auto joined = service.join(caller_of(request), param(request, "token"), *name);
  if (!joined) return error_response(request, joined.error());
  return cart_response(joined->cart, joined->created ? 201 : 200);
}

}  // namespace

Status add_group_routes(http::Router& router, Service& service) {
  using http::Access;
  using http::Method;
  return router.add_all(
      {route(Method::post, "/v1/carts/{cart_id}/group", Access::roles_in(customers(), "cart_host"),
             [&service](http::Request& r) { return make_group(service, r); }),
       route(Method::get, "/v1/carts/{cart_id}/group", Access::roles_in(customers(), "cart_host"),
             [&service](http::Request& r) {
               return invitation_response(r,
                                          service.show_invite(caller_of(r), param(r, "cart_id")));
             }),
       route(Method::get, "/v1/group-invites/{token}",
             Access::roles_in(customers(), "invite_token"),
             [&service](http::Request& r) {
               auto preview = service.preview_invite(caller_of(r), param(r, "token"));
               if (!preview) return error_response(r, preview.error());
               auto out = http::json(200, invite_document(*preview));
               out.set_header("Cache-Control", "no-store");
               return out;
             }),
       http::idempotent(route(Method::post, "/v1/group-invites/{token}/join",
                              Access::roles_in(customers(), "invite_token"),
                              [&service](http::Request& r) { return join(service, r); })),
       route(Method::delete_, "/v1/carts/{cart_id}/participants/{user_id}",
             Access::roles_in(customers(), "cart_member"), [&service](http::Request& r) {
               auto expected = if_match_of(r);
               if (!expected) return error_response(r, expected.error());
               return versioned_no_content(
                   r, service.remove_participant(caller_of(r), param(r, "cart_id"),
                                                 param(r, "user_id"), *expected));
             })});
}

}  // namespace reskflow::carts

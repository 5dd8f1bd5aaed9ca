// HTTP binding of staff invitations: /v1/merchants/{merchant_id}/invitations (invite by email,
// list, revoke) and /v1/me/invitations (the caller's own, to accept or decline). Inviting
// answers the same whether or not the address has an account.
#include "routes_common.h"

namespace reskflow::identity {
namespace {

http::Response invite(IdentityModuleImpl& m, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto email = normalise_email(in.string("email", {true, 3, 254}).value_or(""));
  const auto level = in.one_of("level", {"owner", "manager", "staff"});
  if (!email.empty() && !plausible_email(email)) in.add_error("email", "must be an email address");
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  return render(
      request,
      m.services().invitations.invite(actor_of(request), std::string(*request.param("merchant_id")),
                                      email, *parse_level(*level), origin_of(request)),
      invitation_document, 201);
}

http::Response merchant_invitations(IdentityModuleImpl& m, http::Request& request) {
  const auto merchant = *request.param("merchant_id");
  if (auto ok = m.require_merchant_staff(*request.principal, merchant, MerchantLevel::staff); !ok)
    return error_response(request, ok.error());
  return render_list(request, m.services().invitations.pending(std::string(merchant)),
                     invitation_documents);
}

}  // namespace

Status add_invitation_routes(http::Router& router, IdentityModuleImpl& m) {
  using http::Access;
  using http::Method;
  auto& s = m.services().invitations;
  const auto staff =
      Access::roles_in({std::string(role_merchant), std::string(role_admin)}, "merchant_staff");
  const auto self = Access::roles_in(people(), "self");
  const std::string path = "/v1/merchants/{merchant_id}/invitations";
  return router.add_all(
      {http::idempotent(
           route(Method::post, path, staff, [&m](http::Request& r) { return invite(m, r); })),
       route(Method::get, path, staff,
             [&m](http::Request& r) { return merchant_invitations(m, r); }),
       route(Method::delete_, path + "/{invitation_id}", staff,
             [&s](http::Request& r) {
               return render_status(r,
                                    s.revoke(actor_of(r), std::string(*r.param("merchant_id")),
                                             std::string(*r.param("invitation_id")), origin_of(r)));
             }),
       route(Method::get, "/v1/me/invitations", self,
             [&s](http::Request& r) {
               return render_list(r, s.mine(r.principal->subject), invitation_documents);
             }),
       route(Method::post, "/v1/me/invitations/{invitation_id}/accept", self,
             [&s](http::Request& r) {
               return render_status(
                   r, s.accept(actor_of(r), std::string(*r.param("invitation_id")), origin_of(r)));
             }),
       route(Method::post, "/v1/me/invitations/{invitation_id}/decline", self,
             [&s](http::Request& r) {
               return render_status(
                   r, s.decline(actor_of(r), std::string(*r.param("invitation_id")), origin_of(r)));
             })});
}

}  // namespace reskflow::identity

// HTTP binding of merchant membership (/v1/merchants/{merchant_id}/members), ownership transfer,
// and the caller's own memberships and API key. Staff of another merchant get 404, never 403
// (no existence leak); the level rules (only members below one's own level) give 403 inside one.
#include "routes_common.h"

namespace reskflow::identity {
namespace {

http::Response put_member(IdentityModuleImpl& m, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto user = in.string("user_id", {true, 36, 36});
  const auto level = in.one_of("level", {"owner", "manager", "staff"});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  const auto merchant = std::string(*request.param("merchant_id"));
  auto done = m.services().members.add_member(actor_of(request), merchant, *user,
                                              *parse_level(*level), origin_of(request));
  if (!done) return error_response(request, done.error());
  return http::json(201, {{"merchant_id", merchant}, {"user_id", *user}, {"level", *level}});
}

http::Response offer_ownership(IdentityModuleImpl& m, http::Request& request) {
  auto body = json::parse_object(request);
  if (!body) return error_response(request, body.error());
  json::ObjectReader in(*body);
  const auto user = in.string("user_id", {true, 36, 36});
  if (auto ok = in.finish(); !ok) return error_response(request, ok.error());
  auto offer = m.services().members.offer_ownership(
      actor_of(request), std::string(*request.param("merchant_id")), *user, origin_of(request));
  if (!offer) return error_response(request, offer.error());
  return http::json(201, offer_document(*offer));
}

http::Response ownership_offer(IdentityModuleImpl& m, http::Request& request) {
  auto offer = m.services().members.ownership_offer(actor_of(request),
                                                    std::string(*request.param("merchant_id")));
  if (!offer) return error_response(request, offer.error());
  auto r = http::json(200, offer_document(*offer));
  r.set_header("Cache-Control", "no-store");
  return r;
}

std::vector<http::Route> ownership_routes(IdentityModuleImpl& m, const http::Access& staff) {
  using http::Method;
  const std::string path = "/v1/merchants/{merchant_id}/ownership-transfer";
  return {
      route(Method::post, path, staff, [&m](http::Request& r) { return offer_ownership(m, r); }),
      route(Method::get, path, staff, [&m](http::Request& r) { return ownership_offer(m, r); }),
      route(Method::delete_, path, staff,
            [&m](http::Request& r) {
              return render_status(
                  r, m.services().members.withdraw_ownership_offer(
                         actor_of(r), std::string(*r.param("merchant_id")), origin_of(r)));
            }),
      route(Method::post, path + "/accept", staff, [&m](http::Request& r) {
        return render_status(r,
                             m.services().members.accept_ownership(
                                 actor_of(r), std::string(*r.param("merchant_id")), origin_of(r)));
      })};
}

}  // namespace

Status add_member_routes(http::Router& router, IdentityModuleImpl& m) {
  using http::Access;
  using http::Method;
  const auto staff =
      Access::roles_in({std::string(role_merchant), std::string(role_admin)}, "merchant_staff");
  if (auto ok = router.add_all(ownership_routes(m, staff)); !ok) return ok;
  return router.add_all(
      {route(Method::get, "/v1/merchants/{merchant_id}/members", staff,
             [&m](http::Request& r) {
               const auto merchant = *r.param("merchant_id");
               if (auto ok = m.require_merchant_staff(*r.principal, merchant, MerchantLevel::staff);
                   !ok)
                 return error_response(r, ok.error());
               return render_list(r, m.services().members.members(std::string(merchant)),
                                  member_documents);
             }),
       http::idempotent(route(Method::post, "/v1/merchants/{merchant_id}/members", staff,
                              [&m](http::Request& r) { return put_member(m, r); })),
       route(Method::delete_, "/v1/merchants/{merchant_id}/members/{user_id}", staff,
             [&m](http::Request& r) {
               return render_status(r, m.services().members.remove_member(
                                           actor_of(r), std::string(*r.param("merchant_id")),
                                           std::string(*r.param("user_id")), origin_of(r)));
             }),
       route(Method::get, "/v1/me/merchants",
             Access::roles_in({std::string(role_merchant)}, "self"),
             [&m](http::Request& r) {
               return render_list(r, m.merchants_of(r.principal->subject), membership_documents);
             }),
       // Every key may read its own scopes, to learn why a route refuses it.
       route(Method::get, "/v1/api-keys/self",
             Access::roles_in({std::string(role_partner)}, "self")
                 .scoped(std::string(Access::every_key)),
             [](http::Request& r) {
               return http::json(200, {{"id", r.principal->subject},
                                       {"scopes", boost::json::value_from(r.principal->scopes)}});
             })});
}

}  // namespace reskflow::identity

// HTTP binding of merchants: create, read, PATCH, pause and resume, and virtual brands.
// Strangers get 404 for a merchant they may not act on (no existence leak); the role check
// (customers, drivers, partners) answers 403 before that.
#include <charconv>

#include "render.h"
#include "routes_common.h"

namespace reskflow::catalog {
namespace {

using identity::MerchantLevel;

http::Response document(CatalogModuleImpl& m, const Result<Merchant>& merchant,
                        const http::Request& r, int status = 200) {
  if (!merchant) return error_response(r, merchant.error());
  auto response = http::json(status, merchant_document(*merchant, m.service().now()));
  response.set_header("Cache-Control", "no-store");
  if (status == 201) response.set_header("Location", "/v1/merchants/" + merchant->id);
  return response;
}

// Merchant accounts become the owner; an admin names the owner (a merchant account).
http::Response create_merchant(CatalogModuleImpl& m, http::Request& r) {
  auto body = body_of(r);
  if (!body) return error_response(r, body.error());
  const bool admin = r.principal->role == identity::role_admin;
  auto input = read_new_merchant(*body, nullptr, admin);
  if (!input) return error_response(r, input.error());
  const auto owner = admin ? *input->owner_user_id : r.principal->subject;
  return document(m, m.service().create_merchant(owner, input->profile), r, 201);
}

// ?lat=&lng=, both or neither: the point a customer has their order delivered to.
Result<std::optional<geo::Point>> delivery_point_of(const http::Request& r) {
  const auto lat_text = r.query_param("lat"), lng_text = r.query_param("lng");
  if (!lat_text && !lng_text) return std::optional<geo::Point>{};
  const auto read = [](std::optional<std::string_view> text,
                       double bound) -> std::optional<double> {
    double v = 0;
    if (!text) return std::nullopt;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc{} || end != text->data() + text->size() || !(v >= -bound && v <= bound))
      return std::nullopt;
    return v;
  };
  const auto lat = read(lat_text, 90), lng = read(lng_text, 180);
  std::vector<FieldError> errors;
  if (!lat) errors.push_back({"lat", "must be a latitude from -90 to 90, given with lng"});
  if (!lng) errors.push_back({"lng", "must be a longitude from -180 to 180, given with lat"});
  if (!errors.empty())
    return fail(ErrorCode::validation_failed, "the delivery point is not valid", std::move(errors));
  return std::optional<geo::Point>{geo::Point{*lat, *lng}};
}

// With ?lat=&lng=, `delivers_to_point` says whether the merchant delivers there.
http::Response get_merchant(CatalogModuleImpl& m, http::Request& r) {
  auto point = delivery_point_of(r);
  if (!point) return error_response(r, point.error());
  auto merchant = m.service().merchant(merchant_param(r));
  if (merchant && !visible(m, r, *merchant)) return error_response(r, not_visible().error());
  if (!merchant) return error_response(r, merchant.error());
  auto body = merchant_document(*merchant, m.service().now());
  if (*point) body["delivers_to_point"] = geo::covers(merchant->profile.delivery_zone, **point);
  auto response = http::json(200, body);
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Response patch_merchant(CatalogModuleImpl& m, http::Request& r) {
  auto merchant = staff_merchant(m, r, MerchantLevel::manager);
  if (!merchant) return error_response(r, merchant.error());
  auto body = body_of(r);
  if (!body) return error_response(r, body.error());
  return document(
      m, m.service().update_merchant(merchant->id, merchant_patch(*body), audited(m, r)), r);
}

http::Response pause_merchant(CatalogModuleImpl& m, http::Request& r) {
  auto merchant = staff_merchant(m, r, MerchantLevel::staff);
  if (!merchant) return error_response(r, merchant.error());
  auto body = body_of(r);
  if (!body) return error_response(r, body.error());
  auto pause = read_pause(*body);
  if (!pause) return error_response(r, pause.error());
  return document(m, m.service().pause(merchant->id, *pause, audited(m, r)), r);
}

http::Response resume_merchant(CatalogModuleImpl& m, http::Request& r) {
  auto merchant = staff_merchant(m, r, MerchantLevel::staff);
  if (!merchant) return error_response(r, merchant.error());
  return document(m, m.service().resume(merchant->id, audited(m, r)), r);
}

http::Response create_brand(CatalogModuleImpl& m, http::Request& r) {
  auto kitchen = staff_merchant(m, r, MerchantLevel::owner);
  if (!kitchen) return error_response(r, kitchen.error());
  auto body = body_of(r);
  if (!body) return error_response(r, body.error());
  auto brand = read_brand_document(*body);
  if (!brand) return error_response(r, brand.error());
  return document(m, m.service().create_brand(kitchen->id, std::move(*brand)), r, 201);
}

http::Response list_brands(CatalogModuleImpl& m, http::Request& r) {
  auto kitchen = m.service().merchant(merchant_param(r));
  if (!kitchen) return error_response(r, kitchen.error());
  if (!visible(m, r, *kitchen)) return error_response(r, not_visible().error());
  auto brands = m.service().active_brands(kitchen->id);
  if (!brands) return error_response(r, brands.error());
  boost::json::array data;
  const auto now = m.service().now();
  for (const auto& b : *brands) data.push_back(merchant_document(b, now));
  return http::json(200,
                    {{"data", std::move(data)}, {"has_more", false}, {"next_cursor", nullptr}});
}

}  // namespace

Status add_merchant_routes(http::Router& router, CatalogModuleImpl& m) {
  using http::Access;
  using http::Method;
  const auto creators =
      Access::roles_in({std::string(identity::role_merchant), std::string(identity::role_admin)});
  const auto bind = [&m](http::Response (*fn)(CatalogModuleImpl&, http::Request&)) {
    return [&m, fn](http::Request& r) { return fn(m, r); };
  };
  return router.add_all(
      {http::idempotent(route(Method::post, "/v1/merchants", creators, bind(create_merchant))),
       route(Method::get, "/v1/merchants/{merchant_id}", Access::anyone(), bind(get_merchant)),
       route(Method::patch, "/v1/merchants/{merchant_id}", staff_access(), bind(patch_merchant)),
       route(Method::put, "/v1/merchants/{merchant_id}/pause", staff_access(),
             bind(pause_merchant)),
       route(Method::delete_, "/v1/merchants/{merchant_id}/pause", staff_access(),
             bind(resume_merchant)),
       http::idempotent(route(Method::post, "/v1/merchants/{merchant_id}/brands", staff_access(),
                              bind(create_brand))),
       route(Method::get, "/v1/merchants/{merchant_id}/brands", Access::anyone(),
             bind(list_brands))});
}

}  // namespace reskflow::catalog

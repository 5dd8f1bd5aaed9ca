// HTTP binding of menus: the cached whole-menu GET (answered on the I/O thread when cached),
// PUT replace, the category, item and modifier-group routes, and stock.
#include "render.h"
#include "routes_common.h"

namespace reskflow::catalog {
namespace {

using identity::MerchantLevel;

// Cache hits never leave the I/O thread; everything else goes to the worker handler.
std::optional<http::Response> cached_menu(CatalogModuleImpl& m, http::Request& r) {
  auto rendered = m.service().cache().rendered(merchant_param(r));
  if (!rendered) return std::nullopt;
  m.metrics().menu_cache_hits.inc();
  return rendered->respond(r);
}

http::Response get_menu(CatalogModuleImpl& m, http::Request& r) {
  m.metrics().menu_cache_misses.inc();
  auto rendered = rendered_menu(m.service(), merchant_param(r));
  if (!rendered) return error_response(r, rendered.error());
  const auto& merchant = rendered->snapshot->merchant;
  if (!visible(m, r, merchant)) return error_response(r, not_visible().error());
  auto response = rendered->representation->respond(r);
  // Only its staff and admins see a suspended merchant's menu: no shared cache may keep it.
  if (!merchant.active()) response.set_header("Cache-Control", "private, no-store");
  return response;
}

http::Response menu_response(CatalogModuleImpl& m, const http::Request& r,
                             const Result<MenuSnapshot>& snapshot) {
  if (!snapshot) return error_response(r, snapshot.error());
  auto response =
      http::json(200, menu_document(snapshot->merchant, snapshot->menu, m.service().now()));
  response.set_header("Cache-Control", "no-store");
  return response;
}

http::Response put_menu(CatalogModuleImpl& m, http::Request& r) {
  auto merchant = staff_merchant(m, r, MerchantLevel::manager);
  if (!merchant) return error_response(r, merchant.error());
  auto body = body_of(r);
  if (!body) return error_response(r, body.error());
  return menu_response(
      m, r,
      m.service().replace_menu(merchant->id, menu_replacement(std::move(*body)), audited(m, r)));
}

enum class Part : std::uint8_t { category, item, group };

std::string_view id_param(Part part) {
  switch (part) {
    case Part::category: return "category_id";
    case Part::item: return "item_id";
    case Part::group: break;
  }
  return "group_id";
}

http::Response part_response(CatalogModuleImpl& m, const http::Request& r, Part part,
                             const Result<MenuEdit>& edit, int status) {
  if (!edit) return error_response(r, edit.error());
  const auto& [merchant, menu] = edit->snapshot;
  const auto now = m.service().now();
  boost::json::object body;
  if (part == Part::category) {
    body = category_document(*menu.category(edit->id), menu, merchant, now);
  } else if (part == Part::item) {
    body = item_document(*menu.item(edit->id), menu, merchant, now);
  } else {
    body = group_document(*menu.group(edit->id));
  }
  auto response = http::json(status, body);
  response.set_header("Cache-Control", "no-store");
  return response;
}

// POST (no id in the path) or PATCH of one part of the menu.
http::Response put_part(CatalogModuleImpl& m, http::Request& r, Part part) {
  auto merchant = staff_merchant(m, r, MerchantLevel::manager);
  if (!merchant) return error_response(r, merchant.error());
  auto body = body_of(r);
  if (!body) return error_response(r, body.error());
  std::optional<std::string> id;
  if (const auto p = r.param(id_param(part))) id = std::string(*p);
  auto& s = m.service();
  const auto record = audited(m, r);
  auto edit = part == Part::category
                  ? s.put_category(merchant->id, id, category_edit(*body), record)
              : part == Part::item ? s.put_item(merchant->id, id, item_edit(*body), record)
                                   : s.put_group(merchant->id, id, group_edit(*body), record);
  return part_response(m, r, part, edit, id ? 200 : 201);
}

http::Response delete_part(CatalogModuleImpl& m, http::Request& r, Part part) {
  auto merchant = staff_merchant(m, r, MerchantLevel::manager);
  if (!merchant) return error_response(r, merchant.error());
  const auto id = *r.param(id_param(part));
  auto& s = m.service();
  const auto record = audited(m, r);
  auto done = part == Part::category ? s.delete_category(merchant->id, id, record)
              : part == Part::item   ? s.delete_item(merchant->id, id, record)
                                     : s.delete_group(merchant->id, id, record);
  return done ? no_content() : error_response(r, done.error());
}

http::Response put_stock(CatalogModuleImpl& m, http::Request& r) {
  auto merchant = staff_merchant(m, r, MerchantLevel::staff);
  if (!merchant) return error_response(r, merchant.error());
  auto body = body_of(r);
  if (!body) return error_response(r, body.error());
  return part_response(
      m, r, Part::item,
      m.service().set_stock(merchant->id, *r.param("item_id"), stock_edit(*body), audited(m, r)),
      200);
}

}  // namespace

Status add_menu_routes(http::Router& router, CatalogModuleImpl& m) {
  using http::Method;
  const std::string menu = "/v1/merchants/{merchant_id}/menu";
  auto get = route(Method::get, menu, http::Access::anyone(),
                   [&m](http::Request& r) { return get_menu(m, r); });
  get.fast = [&m](http::Request& r) { return cached_menu(m, r); };
  std::vector<http::Route> routes;
  routes.push_back(std::move(get));
  routes.push_back(
      route(Method::put, menu, staff_access(), [&m](http::Request& r) { return put_menu(m, r); }));
  const std::pair<Part, std::string> parts[] = {
      {Part::category, "/categories"}, {Part::item, "/items"}, {Part::group, "/modifier-groups"}};
  for (const auto& [part, path] : parts) {
    const auto one = menu + path + "/{" + std::string(id_param(part)) + "}";
    routes.push_back(
        http::idempotent(route(Method::post, menu + path, staff_access(),
                               [&m, part](http::Request& r) { return put_part(m, r, part); })));
    routes.push_back(route(Method::patch, one, staff_access(),
                           [&m, part](http::Request& r) { return put_part(m, r, part); }));
    routes.push_back(route(Method::delete_, one, staff_access(),
                           [&m, part](http::Request& r) { return delete_part(m, r, part); }));
  }
  routes.push_back(route(Method::put, menu + "/items/{item_id}/stock", staff_access(),
                         [&m](http::Request& r) { return put_stock(m, r); }));
  return router.add_all(std::move(routes));
}

}  // namespace reskflow::catalog

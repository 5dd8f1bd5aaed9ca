// The catalog module's settings, lifecycle, cross-node cache invalidation and the Catalog
// interface other modules and `reskflow seed` call.
#include "module.h"

#include <limits>

#include <boost/json.hpp>

#include "render.h"
#include "reskflow/modules/settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_catalog();

namespace reskflow::catalog {
namespace {

// The `version` of an event's payload; without one, newer than anything cached (drop it).
std::int64_t version_of(std::string_view payload_json) {
  constexpr auto unknown = std::numeric_limits<std::int64_t>::max();
  boost::system::error_code ec;
  const auto payload = boost::json::parse(payload_json, ec);
  if (ec || !payload.is_object()) return unknown;
  const auto* version = payload.as_object().if_contains("version");
  return version != nullptr && version->is_int64() ? version->as_int64() : unknown;
}

std::string address_line(const Address& a) {
  return a.line1 + (a.line2 ? ", " + *a.line2 : "") + ", " + a.postal_code + " " + a.city;
}

MerchantSummary summary_of(const Merchant& m, std::int64_t now_us) {
  return {m.id,
          m.kitchen_id.value_or(""),
          m.profile.name,
          m.slug,
          m.profile.currency,
          m.profile.time_zone,
          address_line(m.profile.address),
          {m.profile.minimum_order_minor, m.profile.currency},
          m.profile.location,
          m.active(),
          m.paused_at(now_us),
          open_now(m, now_us),
          m.profile.prep_time_minutes,
          m.profile.delivery_zone,
          m.profile.opening_hours,
          m.profile.delivery_mode};
}

}  // namespace

CatalogModuleImpl::CatalogModuleImpl(const modules::Platform& platform,
                                     identity::Directory& directory,
                                     modules::Authenticator& authenticator,
                                     CatalogSettings settings, modules::Clock clock)
    : platform_(platform),
      directory_(directory),
      authenticator_(authenticator),
      metrics_(platform.metrics),
      service_(platform.database, directory, std::move(settings), metrics_, std::move(clock)) {}

std::span<const store::EmbeddedFile> CatalogModuleImpl::migrations() const {
  return reskflow_migrations_catalog();
}

Status CatalogModuleImpl::add_routes(http::Router& router) {
  for (auto add : {add_merchant_routes, add_menu_routes, add_admin_routes}) {
    if (auto ok = add(router, *this); !ok) return ok;
  }
  return {};
}

// Every change already dropped this node's copies when it committed here; an event only
// drops what is older than it (another node's change). Each node runs this consumer for itself.
Status CatalogModuleImpl::start() {
  return platform_.events.subscribe(
      modules::per_node_consumer(platform_.config, "catalog.menu_cache."), "catalog.>",
      [this](const bus::Envelope& e) -> Status {
        if (service_.cache().holds_version(e.subject, version_of(e.payload_json))) return {};
        service_.invalidate(e.subject);
        metrics_.invalidations_event.inc();
        return {};
      });
}

// From the menu cache that price_line reads too, so a cart request that reads the merchant and
// prices lines loads the merchant at most once (and not at all while it is cached).
Result<MerchantSummary> CatalogModuleImpl::merchant(std::string_view merchant_id) {
  auto snapshot = service_.snapshot(merchant_id);
  if (!snapshot) return std::unexpected(snapshot.error());
  return summary_of((*snapshot)->merchant, service_.now());
}

Result<PricedLine> CatalogModuleImpl::price_line(std::string_view merchant_id,
                                                 const LineRequest& line, std::int64_t at_us) {
  return service_.price_line(merchant_id, line, at_us);
}

Result<std::vector<ItemHandling>> CatalogModuleImpl::item_handling(
    std::string_view merchant_id, const std::vector<std::string>& item_ids) {
  auto snapshot = service_.snapshot(merchant_id);
  if (!snapshot) return std::unexpected(snapshot.error());
  std::vector<ItemHandling> out;
  for (const auto& id : item_ids) {
    if (const auto* item = (*snapshot)->menu.item(id))
      out.push_back({item->id, item->age_restricted, item->cold_chain});
  }
  return out;
}

Status CatalogModuleImpl::reserve_stock(store::Transaction& tx, std::string_view merchant_id,
                                        const std::vector<StockLine>& lines) {
  return service_.change_stock(tx, merchant_id, lines, Service::StockChange::reserve);
}

Status CatalogModuleImpl::release_stock(store::Transaction& tx, std::string_view merchant_id,
                                        const std::vector<StockLine>& lines) {
  return service_.change_stock(tx, merchant_id, lines, Service::StockChange::release);
}

Result<MerchantRef> CatalogModuleImpl::create_merchant(std::string_view owner_user_id,
                                                       const MerchantProfile& profile) {
  auto m = service_.create_merchant(owner_user_id, profile);
  if (!m) return std::unexpected(m.error());
  return MerchantRef{m->id, m->slug};
}

Result<MerchantRef> CatalogModuleImpl::create_brand(std::string_view kitchen_id,
                                                    const MerchantProfile& brand) {
  auto m = service_.create_brand(kitchen_id, brand);
  if (!m) return std::unexpected(m.error());
  return MerchantRef{m->id, m->slug};
}

Result<std::optional<MerchantRef>> CatalogModuleImpl::merchant_by_slug(std::string_view slug) {
  auto m = service_.merchant_by_slug(slug);
  if (!m) return std::unexpected(m.error());
  if (!*m) return std::optional<MerchantRef>{};
  return std::optional<MerchantRef>{MerchantRef{(*m)->id, (*m)->slug}};
}

Status CatalogModuleImpl::replace_menu(std::string_view merchant_id, const MenuDraft& draft) {
  auto replaced = service_.replace_menu(merchant_id,
                                        [&draft](const Menu&, const IdSource& ids) -> Result<Menu> {
                                          return with_new_ids(draft.menu(), ids);
                                        });
  if (!replaced) return std::unexpected(replaced.error());
  return {};
}

Result<std::unique_ptr<CatalogModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<CatalogModuleImpl>(platform, deps.directory, deps.authenticator,
                                             std::move(*settings));
}

}  // namespace reskflow::catalog

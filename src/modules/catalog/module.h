// The catalog module: merchants, virtual brands, hours, zones, menus and stock; it implements
// the Catalog interface other modules call and serves the merchant and menu routes.
#pragma once

#include <optional>
#include <string>

#include "metrics.h"
#include "reskflow/catalog/catalog.h"
#include "reskflow/modules/authenticator.h"
#include "service.h"

namespace reskflow::catalog {

class CatalogModuleImpl final : public CatalogModule, public Catalog {
 public:
  CatalogModuleImpl(const modules::Platform& platform, identity::Directory& directory,
                    modules::Authenticator& authenticator, CatalogSettings settings,
                    modules::Clock clock = {});

  std::string_view name() const override { return "catalog"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Subscribes this node's cache invalidation to catalog's own events.
  Status start() override;
  void stop() override {}
  Catalog& catalog() override { return *this; }

  // Catalog
  Result<MerchantSummary> merchant(std::string_view merchant_id) override;
  Result<PricedLine> price_line(std::string_view merchant_id, const LineRequest& line,
                                std::int64_t at_us) override;
  Result<std::vector<ItemHandling>> item_handling(
      std::string_view merchant_id, const std::vector<std::string>& item_ids) override;
  Status reserve_stock(store::Transaction& tx, std::string_view merchant_id,
                       const std::vector<StockLine>& lines) override;
  Status release_stock(store::Transaction& tx, std::string_view merchant_id,
                       const std::vector<StockLine>& lines) override;
  Result<MerchantRef> create_merchant(std::string_view owner_user_id,
                                      const MerchantProfile& profile) override;
  Result<MerchantRef> create_brand(std::string_view kitchen_id,
                                   const MerchantProfile& brand) override;
  Result<std::optional<MerchantRef>> merchant_by_slug(std::string_view slug) override;
  Status replace_menu(std::string_view merchant_id, const MenuDraft& menu) override;

  Service& service() { return service_; }
  identity::Directory& directory() { return directory_; }
  // The caller of an anonymous route (suspended merchants stay visible to their staff and to
  // admins).
  modules::Authenticator& authenticator() { return authenticator_; }
  CatalogMetrics& metrics() { return metrics_; }

 private:
  modules::Platform platform_;
  identity::Directory& directory_;
  modules::Authenticator& authenticator_;
  CatalogMetrics metrics_;
  Service service_;
};

// The HTTP binding (routes_*.cc).
Status add_merchant_routes(http::Router& router, CatalogModuleImpl& module);
Status add_menu_routes(http::Router& router, CatalogModuleImpl& module);
Status add_admin_routes(http::Router& router, CatalogModuleImpl& module);

}  // namespace reskflow::catalog

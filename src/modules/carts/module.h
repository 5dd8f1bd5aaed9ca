// The carts module: carts with a fresh price preview, group carts, the idle-cart sweep, GDPR
// erasure of a user's carts, and the "cart.<cart_id>" WebSocket topics.
#pragma once

#include <memory>

#include "metrics.h"
#include "reskflow/carts/carts.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/store/migrations.h"
#include "service.h"
#include "settings.h"

namespace reskflow::carts {

class CartsModuleImpl final : public CartsModule, public Carts {
 public:
  CartsModuleImpl(const modules::Platform& platform, catalog::Catalog& catalog,
                  identity::Directory& directory, modules::Authenticator& authenticator,
                  const CartsSettings& settings, modules::Clock clock);
  ~CartsModuleImpl() override;
  CartsModuleImpl(const CartsModuleImpl&) = delete;
  CartsModuleImpl& operator=(const CartsModuleImpl&) = delete;

  std::string_view name() const override { return "carts"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  Status start() override;
  void stop() override;

  Carts& carts() override { return *this; }
  Result<PricedCart> priced_cart(std::string_view cart_id) override;
  Status mark_checked_out(store::Transaction& tx, std::string_view cart_id,
                          std::int64_t version) override;

  Service& service() { return service_; }
  // One run of the idle sweep: batch after batch until none is full or the module stops. The
  // number of carts abandoned.
  Result<std::int64_t> sweep_idle();
  // identity.user.erased: the user's carts and lines go, in one transaction with the dedupe.
  Status on_user_erased(const bus::Envelope& event);
  // Only the host and the participants of a cart may subscribe to "cart.<cart_id>".
  Status authorize_topic(const http::Request& upgrade, std::string_view topic);

 private:
  modules::Platform platform_;
  CartsSettings settings_;
  CartsMetrics metrics_;
  Service service_;
  modules::Authenticator& authenticator_;
  modules::BackgroundLoop sweeper_;
};

// Migrations of the carts tables (tests, and verbs that run without the full platform).
store::MigrationSet migrations();

// The HTTP binding (routes_*.cc).
Status add_cart_routes(http::Router& router, Service& service);
Status add_line_routes(http::Router& router, Service& service);
Status add_group_routes(http::Router& router, Service& service);

}  // namespace reskflow::carts

// The orders module: checkout, quotes, the order state machine with its payment steps, the
// acceptance timeout, the retry of failed hold releases, the expiry of unpaid orders, and the
// "merchant.<id>.orders" and "order.<id>" WebSocket topics.
#pragma once

#include <memory>

#include "metrics.h"
#include "reskflow/modules/background_loop.h"
#include "reskflow/orders/orders.h"
#include "reskflow/store/migrations.h"
#include "service.h"
#include "settings.h"

namespace reskflow::orders {

// The Orders interface other modules see, over the service.
class PublicOrders final : public Orders {
 public:
  explicit PublicOrders(Service& service) : service_(service) {}
  Result<DeliveryOrder> delivery_order(std::string_view order_id) override {
    return service_.delivery_order(order_id);
  }
  Status courier_transition(std::string_view order_id, std::string_view next,
                            std::string_view reason) override {
    return service_.courier_transition(order_id, next, reason);
  }

 private:
  Service& service_;
};

class OrdersModuleImpl final : public OrdersModule {
 public:
  OrdersModuleImpl(const modules::Platform& platform, Deps deps, const OrdersSettings& settings,
                   modules::Clock clock);
  ~OrdersModuleImpl() override;
  OrdersModuleImpl(const OrdersModuleImpl&) = delete;
  OrdersModuleImpl& operator=(const OrdersModuleImpl&) = delete;

  std::string_view name() const override { return "orders"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  Status start() override;
  void stop() override;

  Service& service() { return service_; }
  Orders& orders() override { return public_orders_; }
  // One run of the acceptance timeout: batch after batch until none is full or the module
  // stops. The number of orders looked at.
  Result<std::int64_t> reject_unanswered();
  // One run of the hold-release retry: due releases, batch after batch, until none is full or
  // the module stops. The number of releases tried.
  Result<std::int64_t> retry_releases();
  // One run of the payment expiry: orders unpaid at their due time cancelled, batch after
  // batch. The number of orders looked at.
  Result<std::int64_t> expire_unpaid();
  // "order.<id>": its customer, the merchant's staff and admins; "merchant.<id>.orders": the
  // merchant's staff and admins. Others get not_found.
  Status authorize_topic(const http::Request& upgrade, std::string_view topic);

 private:
  modules::Platform platform_;
  OrdersSettings settings_;
  OrdersMetrics metrics_;
  identity::Directory& directory_;
  modules::Authenticator& authenticator_;
  Service service_;
  PublicOrders public_orders_{service_};
  modules::BackgroundLoop timeout_loop_;
  modules::BackgroundLoop release_loop_;
  modules::BackgroundLoop payment_loop_;
};

// The HTTP binding (routes_*.cc).
Status add_checkout_routes(http::Router& router, Service& service, identity::Directory& directory);
Status add_lifecycle_routes(http::Router& router, Service& service, identity::Directory& directory);
Status add_refund_routes(http::Router& router, Service& service, identity::Directory& directory);

}  // namespace reskflow::orders

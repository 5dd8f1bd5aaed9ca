// The orders module's lifecycle: settings, routes, the WebSocket topic families, and the
// background loops that reject orders the merchant did not answer in time, retry failed
// releases of payment holds and cancel orders left unpaid; the payment events it follows.
#include "module.h"

#include <boost/json.hpp>

#include <algorithm>

#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/settings.h"
#include "reskflow/modules/topics.h"
#include "reskflow/payments/events.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_orders();

namespace reskflow::orders {
namespace {

constexpr std::string_view order_family = "order";
constexpr std::string_view merchant_family = "merchant";
constexpr std::string_view merchant_suffix = ".orders";
constexpr std::string_view consumer_authorized = "orders.payment_authorized";
constexpr std::string_view consumer_failed = "orders.payment_failed";

std::chrono::milliseconds millis(std::chrono::seconds s) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(s);
}

}  // namespace

store::MigrationSet migrations() { return {"orders", reskflow_migrations_orders()}; }

OrdersModuleImpl::OrdersModuleImpl(const modules::Platform& platform, Deps deps,
                                   const OrdersSettings& settings, modules::Clock clock)
    : platform_(platform),
      settings_(settings),
      metrics_(platform.metrics),
      directory_(deps.directory),
      authenticator_(deps.authenticator),
      service_(platform.database, deps.carts, deps.catalog, deps.payments, deps.promotions,
               deps.subscriptions, settings_, metrics_, std::move(clock)),
      timeout_loop_(
          modules::leased_loop(platform, "orders_accept_timeout", millis(settings.sweep_interval_s),
                               [this] {
                                 if (auto n = reject_unanswered(); n && *n > 0)
                                   log::info("orders_unanswered_rejected", {{"orders", *n}});
                               })),
      release_loop_(
          modules::leased_loop(platform, "orders_hold_releases", settings.hold_release_retry_ms,
                               [this] {
                                 if (auto n = retry_releases(); n && *n > 0)
                                   log::info("orders_hold_releases_retried", {{"releases", *n}});
                               })),
      payment_loop_(modules::leased_loop(platform, "orders_payment_expiry",
                                         settings.payment_sweep_interval_ms, [this] {
                                           if (auto n = expire_unpaid(); n && *n > 0)
                                             log::info("orders_unpaid_looked_at", {{"orders", *n}});
                                         })) {
  service_.on_change([hub = &platform_.hub](const Order& o) {
    const auto data = json::serialize(
        boost::json::object{{"order_id", o.id}, {"status", o.status}, {"version", o.version}});
    hub->publish(std::string(order_family) + "." + o.id, data);
    // The merchant hears of an order once it is paid for.
    if (o.status == status_awaiting_payment) return;
    hub->publish(std::string(merchant_family) + "." + o.merchant_id + std::string(merchant_suffix),
                 data);
  });
}

OrdersModuleImpl::~OrdersModuleImpl() { stop(); }

std::span<const store::EmbeddedFile> OrdersModuleImpl::migrations() const {
  return reskflow_migrations_orders();
}

Status OrdersModuleImpl::add_routes(http::Router& router) {
  if (auto ok = add_checkout_routes(router, service_, directory_); !ok) return ok;
  if (auto ok = add_lifecycle_routes(router, service_, directory_); !ok) return ok;
  return add_refund_routes(router, service_, directory_);
}

Status OrdersModuleImpl::start() {
  if (auto ok = modules::add_topic_families(platform_.hub, {order_family, merchant_family}, *this,
                                            &OrdersModuleImpl::authorize_topic);
      !ok)
    return ok;
  for (const auto& [consumer, type] :
       {std::pair{consumer_authorized, payments::events::intent_authorized},
        std::pair{consumer_failed, payments::events::intent_failed}}) {
    if (auto ok = platform_.events.subscribe(
            std::string(consumer), std::string(type),
            [this](const bus::Envelope& e) { return service_.on_payment_changed(e); });
        !ok)
      return ok;
  }
  timeout_loop_.start();
  release_loop_.start();
  payment_loop_.start();
  return {};
}

void OrdersModuleImpl::stop() {
  const std::chrono::milliseconds bound(platform_.config.shutdown_timeout_ms);
  payment_loop_.stop(bound);
  release_loop_.stop(bound);
  timeout_loop_.stop(bound);
}

Result<std::int64_t> OrdersModuleImpl::reject_unanswered() {
  std::int64_t total = 0;
  while (true) {
    auto n = service_.reject_unanswered(settings_.sweep_batch_orders_max);
    if (!n) {
      metrics_.sweep_failures.inc();
      log::warn("orders_timeout_sweep_failed", {{"detail", n.error().detail}});
      return std::unexpected(n.error());
    }
    total += *n;
    if (*n < settings_.sweep_batch_orders_max || timeout_loop_.stopping()) return total;
  }
}

Result<std::int64_t> OrdersModuleImpl::retry_releases() {
  std::int64_t total = 0;
  while (true) {
    auto n = service_.retry_releases(settings_.hold_release_batch_max);
    if (!n) {
      metrics_.sweep_failures.inc();
      log::warn("orders_hold_release_sweep_failed", {{"detail", n.error().detail}});
      return std::unexpected(n.error());
    }
    total += *n;
    if (*n < settings_.hold_release_batch_max || release_loop_.stopping()) return total;
  }
}

Result<std::int64_t> OrdersModuleImpl::expire_unpaid() {
  std::int64_t total = 0;
  while (true) {
    auto n = service_.expire_unpaid(settings_.sweep_batch_orders_max);
    if (!n) {
      metrics_.sweep_failures.inc();
      log::warn("orders_payment_expiry_failed", {{"detail", n.error().detail}});
      return std::unexpected(n.error());
    }
    total += *n;
    if (*n < settings_.sweep_batch_orders_max || payment_loop_.stopping()) return total;
  }
}

Status OrdersModuleImpl::authorize_topic(const http::Request& upgrade, std::string_view topic) {
  auto who = authenticator_.required(upgrade);
  if (!who) return std::unexpected(who.error());
  const auto merchant_prefix = std::string(merchant_family) + ".";
  if (topic.starts_with(merchant_prefix) && topic.ends_with(merchant_suffix)) {
    const auto id = topic.substr(merchant_prefix.size(),
                                 topic.size() - merchant_prefix.size() - merchant_suffix.size());
    return directory_.require_merchant_staff(*who, id, identity::MerchantLevel::staff);
  }
  const auto order_prefix = std::string(order_family) + ".";
  if (!topic.starts_with(order_prefix)) return fail(ErrorCode::not_found, "no such topic");
  auto order = service_.get_any(topic.substr(order_prefix.size()));
  if (!order) return fail(ErrorCode::not_found, "no such topic");
  const auto pays = std::ranges::any_of(
      order->shares, [&](const PaymentShare& s) { return s.user_id == who->subject; });
  if (who->role == identity::role_admin || order->customer_id == who->subject || pays) return {};
  if (auto staff = directory_.require_merchant_staff(*who, order->merchant_id,
                                                     identity::MerchantLevel::staff);
      !staff)
    return fail(ErrorCode::not_found, "no such topic");
  return {};
}

Result<std::unique_ptr<OrdersModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<OrdersModuleImpl>(platform, deps, *settings, modules::system_clock());
}

}  // namespace reskflow::orders

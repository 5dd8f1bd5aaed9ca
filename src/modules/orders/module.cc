// The orders module's lifecycle: settings, routes, the WebSocket topic families, and the
// background loops that reject orders the merchant did not answer in time and retry failed
// releases of payment holds.
#include "module.h"

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/modules/settings.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_orders();

namespace reskflow::orders {
namespace {

constexpr std::string_view order_family = "order";
constexpr std::string_view merchant_family = "merchant";
constexpr std::string_view merchant_suffix = ".orders";

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
      service_(platform.database, deps.carts, deps.catalog, deps.payments, settings_, metrics_,
               std::move(clock)),
      timeout_loop_("orders_accept_timeout", millis(settings.sweep_interval_s),
                    [this] {
                      if (auto n = reject_unanswered(); n && *n > 0)
                        log::info("orders_unanswered_rejected", {{"orders", *n}});
                    }),
      release_loop_("orders_hold_releases", settings.hold_release_retry_ms, [this] {
        if (auto n = retry_releases(); n && *n > 0)
          log::info("orders_hold_releases_retried", {{"releases", *n}});
      }) {
  service_.on_change([hub = &platform_.hub](const Order& o) {
    const auto data = json::serialize(
        boost::json::object{{"order_id", o.id}, {"status", o.status}, {"version", o.version}});
    hub->publish(std::string(order_family) + "." + o.id, data);
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
  return add_lifecycle_routes(router, service_, directory_);
}

Status OrdersModuleImpl::start() {
  for (const auto family : {order_family, merchant_family}) {
    if (auto ok = platform_.hub.add_topic_family(
            std::string(family),
            [this](const http::Request& upgrade, std::string_view topic) {
              return authorize_topic(upgrade, topic);
            });
        !ok)
      return ok;
  }
  timeout_loop_.start();
  release_loop_.start();
  return {};
}

void OrdersModuleImpl::stop() {
  const std::chrono::milliseconds bound(platform_.config.shutdown_timeout_ms);
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
  if (who->role == identity::role_admin || order->customer_id == who->subject) return {};
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

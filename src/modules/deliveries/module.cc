// The deliveries module's lifecycle: settings, routes, the consumed order events, the topic
// families, the dispatch loop and the path flush.
#include "module.h"

#include <boost/json.hpp>

#include "document.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/drivers/cluster.h"
#include "reskflow/modules/lease.h"
#include "reskflow/modules/settings.h"
#include "reskflow/modules/topics.h"
#include "reskflow/orders/events.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_deliveries();

namespace reskflow::deliveries {
namespace {

constexpr std::chrono::milliseconds path_flush_period{1000};

std::chrono::milliseconds millis(std::chrono::seconds s) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(s);
}

}  // namespace

store::MigrationSet migrations() { return {"deliveries", reskflow_migrations_deliveries()}; }

Result<Delivery> PublicDeliveries::delivery(std::string_view delivery_id) {
  RF_TRY(found, service_.get(delivery_id));
  return std::move(found->delivery);
}

Result<Delivery> PublicDeliveries::delivery_of_order(std::string_view order_id) {
  RF_TRY(found, service_.get_of_order(order_id));
  return std::move(found->delivery);
}

void WakeGate::wake() {
  const std::lock_guard lock(mutex);
  if (loop != nullptr) loop->wake();
}

DeliveriesModuleImpl::DeliveriesModuleImpl(const modules::Platform& platform, Deps deps,
                                           const DeliveriesSettings& settings, modules::Clock clock,
                                           modules::Broadcast* broadcast)
    : platform_(platform),
      settings_(settings),
      metrics_(platform.metrics),
      authenticator_(deps.authenticator),
      drivers_(deps.drivers),
      service_(platform.database, deps.orders, deps.drivers, deps.ledger, deps.directory,
               deps.quality, settings_, metrics_, std::move(clock)),
      tracker_(platform.hub, platform.database, service_, deps.drivers,
               settings.position_throttle_ms, metrics_),
      dispatch_loop_(modules::leased_loop(
          platform, "deliveries_dispatch", millis(settings.dispatch_interval_s),
          [this] { run_dispatch(); }, settings.round_gap_ms)),
      path_loop_("deliveries_path_flush", path_flush_period, [this] { (void)tracker_.flush(); }),
      broadcast_(broadcast) {
  service_.on_change([this](const DeliveryRecord& r) { tracker_.changed(r); });
  service_.on_offer([this](const OfferView& o) {
    const boost::json::object data{{"kind", "offer"}, {"offer", offer_document(o, service_.now())}};
    platform_.hub.publish(std::string(driver_family) + "." + o.offer.driver_id,
                          json::serialize(data));
  });
}

DeliveriesModuleImpl::~DeliveriesModuleImpl() { stop(); }

std::span<const store::EmbeddedFile> DeliveriesModuleImpl::migrations() const {
  return reskflow_migrations_deliveries();
}

Status DeliveriesModuleImpl::add_routes(http::Router& router) {
  return deliveries::add_routes(router, service_, [this] { wake_dispatch(); });
}

Status DeliveriesModuleImpl::start() {
  if (auto ok = platform_.events.subscribe(
          "deliveries.order_accepted", std::string(orders::events::order_accepted),
          [this](const bus::Envelope& e) { return service_.on_order_accepted(e); });
      !ok)
    return ok;
  if (auto ok = platform_.events.subscribe("deliveries.order_ready",
                                           std::string(orders::events::order_ready),
                                           [this](const bus::Envelope& e) {
                                             auto handled = service_.on_order_ready(e);
                                             wake_dispatch();
                                             return handled;
                                           });
      !ok)
    return ok;
  if (auto ok = platform_.events.subscribe(
          "deliveries.order_cancelled", std::string(orders::events::order_cancelled),
          [this](const bus::Envelope& e) { return service_.on_order_cancelled(e); });
      !ok)
    return ok;
  // Every node indexes the deliveries other nodes change, so that a courier's point is
  // forwarded to the customer by whichever node takes it.
  if (auto ok = platform_.events.subscribe(
          modules::per_node_consumer(platform_.config, "deliveries.tracker."),
          "deliveries.delivery.*",
          [this](const bus::Envelope& e) -> Status {
            RF_TRY(record, service_.get(e.subject));
            tracker_.learned(*record);
            return {};
          });
      !ok)
    return ok;
  if (auto ok = modules::add_topic_families(platform_.hub, {delivery_family, driver_family}, *this,
                                            &DeliveriesModuleImpl::authorize_topic);
      !ok)
    return ok;
  if (auto loaded = tracker_.load(); !loaded) return loaded;
  {
    const std::lock_guard lock(gate_->mutex);
    gate_->tracker = &tracker_;
  }
  drivers_.on_position([gate = gate_](const std::string& driver_id, const drivers::Position& p) {
    const std::lock_guard lock(gate->mutex);
    if (gate->tracker != nullptr) gate->tracker->position(driver_id, p);
  });
  listen_for_wake_ups();
  dispatch_loop_.start();
  path_loop_.start();
  return {};
}

void DeliveriesModuleImpl::listen_for_wake_ups() {
  {
    const std::lock_guard lock(wake_gate_->mutex);
    wake_gate_->loop = &dispatch_loop_;
  }
  if (broadcast_ == nullptr) return;
  for (const auto channel : {dispatch_wake_channel, drivers::available_channel}) {
    // A missed message may have been a wake-up: a round costs less than a late offer.
    broadcast_->listen(std::string(channel),
                       {[gate = wake_gate_](std::string_view) { gate->wake(); },
                        [gate = wake_gate_] { gate->wake(); }});
  }
}

void DeliveriesModuleImpl::wake_dispatch() {
  if (broadcast_ != nullptr && broadcast_->publish(dispatch_wake_channel, "")) return;
  dispatch_loop_.wake();
}

void DeliveriesModuleImpl::stop() {
  {
    const std::lock_guard lock(gate_->mutex);
    gate_->tracker = nullptr;
  }
  {
    const std::lock_guard lock(wake_gate_->mutex);
    wake_gate_->loop = nullptr;
  }
  const std::chrono::milliseconds bound(platform_.config.shutdown_timeout_ms);
  dispatch_loop_.stop(bound);
  path_loop_.stop(bound);
  (void)tracker_.flush();
}

void DeliveriesModuleImpl::run_dispatch() {
  const auto started = std::chrono::steady_clock::now();
  auto made = service_.dispatch_round();
  metrics_.rounds.inc();
  metrics_.round_seconds.observe(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  DispatchRound round{service_.now(), made.value_or(0), {}};
  if (!made) {
    metrics_.round_failures.inc();
    log::warn("deliveries_dispatch_failed", {{"detail", made.error().detail}});
    round.error = made.error().detail;
  } else if (*made > 0) {
    log::info("deliveries_offers_made", {{"offers", *made}});
  }
  {
    const std::lock_guard lock(last_round_mutex_);
    last_round_ = std::move(round);
  }
  if (auto backlog = service_.backlog(); backlog)
    metrics_.waiting.set(static_cast<double>(backlog->waiting));
}

Result<DispatchBacklog> DeliveriesModuleImpl::dispatch_backlog() {
  auto backlog = service_.backlog();
  if (!backlog) return std::unexpected(backlog.error());
  DispatchBacklog out{backlog->waiting, backlog->oldest_created_at_us, std::nullopt};
  const std::lock_guard lock(last_round_mutex_);
  out.last_round = last_round_;
  return out;
}

Status DeliveriesModuleImpl::authorize_topic(const http::Request& upgrade, std::string_view topic) {
  auto who = authenticator_.required(upgrade);
  if (!who) return std::unexpected(who.error());
  const auto driver_prefix = std::string(driver_family) + ".";
  if (topic.starts_with(driver_prefix)) {
    if (who->role == identity::role_driver && topic.substr(driver_prefix.size()) == who->subject)
      return {};
    return fail(ErrorCode::not_found, "no such topic");
  }
  const auto delivery_prefix = std::string(delivery_family) + ".";
  if (!topic.starts_with(delivery_prefix)) return fail(ErrorCode::not_found, "no such topic");
  const Caller caller{who->subject, who->role == identity::role_admin, *who};
  auto seen = service_.view(caller, topic.substr(delivery_prefix.size()));
  if (!seen) return fail(ErrorCode::not_found, "no such topic");
  if (seen->second == View::customer && final_status(seen->first.status()))
    return fail(ErrorCode::not_found, "no such topic");
  return {};
}

Result<std::unique_ptr<DeliveriesModule>> make_module(const modules::Platform& platform,
                                                      Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<DeliveriesModuleImpl>(platform, deps, *settings, modules::system_clock());
}

Result<std::unique_ptr<DeliveriesModule>> make_module(const modules::Platform& platform, Deps deps,
                                                      ClusterDeps cluster) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<DeliveriesModuleImpl>(platform, deps, *settings, modules::system_clock(),
                                                &cluster.broadcast);
}

}  // namespace reskflow::deliveries

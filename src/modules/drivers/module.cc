// The drivers module's construction, start-up (restore, subscriptions, WebSocket topic and
// message type, loops) and shutdown.
#include "module.h"

#include "document.h"
#include "memory_fleet.h"
#include "redis_fleet.h"
#include "reskflow/core/json_text.h"
#include "reskflow/core/log.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/settings.h"
#include "reskflow/modules/topics.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_drivers();

namespace reskflow::drivers {
namespace {

std::unique_ptr<Fleet> make_fleet(const DriversSettings& settings, modules::Clock clock,
                                  DriversMetrics& metrics,
                                  const std::optional<ClusterDeps>& cluster) {
  if (!cluster) return std::make_unique<MemoryFleet>(settings, std::move(clock));
  auto& broadcast = cluster->broadcast;
  return std::make_unique<RedisFleet>(settings, std::move(clock), cluster->redis, metrics,
                                      [&broadcast](const std::string& id) {
                                        // Lost with Redis: the dispatcher then finds the courier at
                                        // its next period.
                                        (void)broadcast.publish(available_channel, id);
                                      });
}

}  // namespace

DriversModuleImpl::DriversModuleImpl(const modules::Platform& platform, Deps deps,
                                     const DriversSettings& settings, const modules::Clock& clock,
                                     std::optional<ClusterDeps> cluster)
    : platform_(platform),
      deps_(deps),
      settings_(settings),
      metrics_(platform.metrics),
      fleet_(make_fleet(settings, clock ? clock : modules::system_clock(), metrics_, cluster)),
      service_(platform.database, deps.directory, *fleet_, settings, metrics_, clock),
      saver_("drivers_positions", std::chrono::milliseconds(settings.positions_flush_interval_ms),
             [this] {
               (void)service_.save_positions();
               (void)service_.save_travel_cells();
             }),
      city_("drivers_city", std::chrono::milliseconds(settings.city_interval_ms),
            [this] { publish_city(); }) {}

DriversModuleImpl::~DriversModuleImpl() { stop(); }

std::span<const store::EmbeddedFile> DriversModuleImpl::migrations() const {
  return reskflow_migrations_drivers();
}

Status DriversModuleImpl::add_routes(http::Router& router) {
  if (auto ok = add_me_routes(router, service_, settings_); !ok) return ok;
  return add_admin_routes(router, service_);
}

Status DriversModuleImpl::start() {
  if (auto ok = service_.restore(); !ok) return ok;
  if (auto ok = platform_.events.subscribe(
          std::string(consumer_erasures), std::string(identity::events::user_erased),
          [this](const bus::Envelope& e) { return service_.on_user_erased(e); });
      !ok)
    return ok;
  if (auto ok = modules::add_topic_families(platform_.hub, {city_family}, *this,
                                            &DriversModuleImpl::authorize_city);
      !ok)
    return ok;
  if (auto ok = platform_.hub.add_message_handler(
          std::string(location_message),
          [this](const http::Request& upgrade, const boost::json::object& message) {
            return on_location_message(upgrade, message);
          },
          fleet_->shared() ? ws::HandlerThread::worker : ws::HandlerThread::network);
      !ok)
    return ok;
  saver_.start();
  city_.start();
  return {};
}

void DriversModuleImpl::stop() {
  if (stopped_) return;
  stopped_ = true;
  const std::chrono::milliseconds bound(platform_.config.shutdown_timeout_ms);
  city_.stop(bound);
  saver_.stop(bound);
  (void)service_.save_positions();
  (void)service_.save_travel_cells();
}

Status DriversModuleImpl::authorize_city(const http::Request& upgrade, std::string_view topic) {
  auto who = upgrade.principal ? Result<http::Principal>(*upgrade.principal)
                               : deps_.authenticator.required(upgrade);
  if (!who) return std::unexpected(who.error());
  if (topic != city_drivers_topic) return fail(ErrorCode::not_found, "no such topic");
  if (who->role != identity::role_admin)
    return fail(ErrorCode::forbidden, "only admins see the live city");
  return {};
}

Result<boost::json::object> DriversModuleImpl::on_location_message(
    const http::Request& upgrade, const boost::json::object& message) {
  // The socket's own caller is read in place: no copy of it per message.
  std::optional<Result<http::Principal>> resolved;
  if (!upgrade.principal) {
    resolved = deps_.authenticator.required(upgrade);
    if (!*resolved) return std::unexpected(resolved->error());
  }
  const http::Principal* who = resolved ? &**resolved : &*upgrade.principal;
  if (who->role != identity::role_driver)
    return fail(ErrorCode::forbidden, "only couriers send locations");
  RF_TRY(points, read_points(message, settings_.batch_points_max, {"type"}));
  RF_TRY(report, service_.ingest(who->subject, *points));
  auto out = report_json(*report);
  out["type"] = "location.result";
  return out;
}

void DriversModuleImpl::publish_city() {
  metrics_.on_shift.set(static_cast<double>(fleet_->on_shift_count()));
  metrics_.available.set(static_cast<double>(fleet_->available_count()));
  // Nobody watching: the changes wait (bounded by the couriers on shift), nothing is rendered.
  if (platform_.hub.subscriber_count(city_drivers_topic) == 0) return;
  const auto dots = fleet_->take_city_changes(static_cast<std::size_t>(settings_.city_drivers_max));
  if (dots.empty()) return;
  platform_.hub.publish(city_drivers_topic, json::serialize(city_json(dots)));
  metrics_.city_messages.inc();
}

Result<std::unique_ptr<DriversModule>> make_module(const modules::Platform& platform, Deps deps) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<DriversModuleImpl>(platform, deps, *settings, modules::system_clock());
}

Result<std::unique_ptr<DriversModule>> make_module(const modules::Platform& platform, Deps deps,
                                                   ClusterDeps cluster) {
  auto settings = load_settings(modules::Settings::process_environment());
  if (!settings) return std::unexpected(settings.error());
  return std::make_unique<DriversModuleImpl>(platform, deps, *settings, modules::system_clock(),
                                             cluster);
}

}  // namespace reskflow::drivers

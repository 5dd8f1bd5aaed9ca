// The drivers module: courier profiles and shifts, validated live positions in memory (with the
// spatial index) or shared through Redis, persisted in batches, and the travel-time model; the
// admins' live city on the WebSocket topic city.drivers and the "location" message type on /v1/ws.
#pragma once

#include <memory>
#include <optional>

#include "fleet.h"
#include "metrics.h"
#include "reskflow/drivers/cluster.h"
#include "reskflow/drivers/drivers.h"
#include "reskflow/modules/background_loop.h"
#include "service.h"
#include "settings.h"

namespace reskflow::drivers {

inline constexpr std::string_view city_family = "city";
inline constexpr std::string_view city_drivers_topic = "city.drivers";
inline constexpr std::string_view location_message = "location";

class DriversModuleImpl final : public DriversModule, public Drivers {
 public:
  // With `cluster`, the couriers on shift are shared through Redis (RedisFleet), else they are
  // in this node's memory (MemoryFleet).
  DriversModuleImpl(const modules::Platform& platform, Deps deps, const DriversSettings& settings,
                    const modules::Clock& clock, std::optional<ClusterDeps> cluster = std::nullopt);
  ~DriversModuleImpl() override;
  DriversModuleImpl(const DriversModuleImpl&) = delete;
  DriversModuleImpl& operator=(const DriversModuleImpl&) = delete;

  std::string_view name() const override { return "drivers"; }
  std::span<const store::EmbeddedFile> migrations() const override;
  Status add_routes(http::Router& router) override;
  // Restores the couriers on shift, subscribes to identity.user.erased, adds the city topic
  // family and the location message type, starts the position saver and the city feed.
  Status start() override;
  // Stops both loops, then saves the positions not yet saved.
  void stop() override;
  Drivers& drivers() override { return *this; }

  // Drivers
  std::vector<OnlineDriver> available() const override { return fleet_->available(); }
  std::vector<OnlineDriver> near(modules::geo::Point center, double radius_m,
                                 std::size_t limit) const override {
    return fleet_->near(center, radius_m, limit);
  }
  std::optional<OnlineDriver> online(std::string_view driver_id) const override {
    return fleet_->online(driver_id);
  }
  void on_position(PositionListener listener) override { fleet_->on_position(std::move(listener)); }
  double travel_seconds(modules::geo::Point from, modules::geo::Point to, Vehicle vehicle,
                        std::int64_t at_us) const override {
    return fleet_->travel().travel_seconds(from, to, vehicle, at_us);
  }
  double road_distance_m(modules::geo::Point from, modules::geo::Point to) const override {
    return fleet_->travel().road_distance_m(from, to);
  }

  // The courier's recent accepted points, oldest first; empty when offline.
  std::vector<Position> recent_track(std::string_view driver_id) const {
    return fleet_->recent_track(driver_id);
  }
  Service& service() { return service_; }
  Fleet& fleet() { return *fleet_; }
  // One round of the city feed: refreshes the gauges and publishes the couriers that changed,
  // when an admin watches.
  void publish_city();

 private:
  Status authorize_city(const http::Request& upgrade, std::string_view topic);
  // Runs on the socket's I/O thread with the in-memory fleet (it never blocks), on the worker
  // pool with the shared one (a round trip to Redis).
  Result<boost::json::object> on_location_message(const http::Request& upgrade,
                                                  const boost::json::object& message);

  const modules::Platform platform_;
  Deps deps_;
  const DriversSettings settings_;
  DriversMetrics metrics_;
  std::unique_ptr<Fleet> fleet_;
  Service service_;
  modules::BackgroundLoop saver_;
  modules::BackgroundLoop city_;
  bool stopped_ = false;
};

// The HTTP binding (routes_me.cc, routes_admin.cc).
Status add_me_routes(http::Router& router, Service& service, const DriversSettings& settings);
Status add_admin_routes(http::Router& router, Service& service);

}  // namespace reskflow::drivers

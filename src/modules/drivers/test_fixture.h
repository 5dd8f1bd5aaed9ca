// Test support for the drivers tests: the module on a fresh database of each engine, with
// identity's fake directory, the stand-in authenticator, an injected clock, and loops that
// never run on their own (the tests run their bodies: save_positions, publish_city).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "fake_directory.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_drivers();

namespace reskflow::drivers::testing {

inline constexpr std::int64_t second_us = 1'000'000;
inline const std::string ada = "0190c000-0000-7000-8000-000000000001";
inline const std::string bob = "0190c000-0000-7000-8000-000000000002";
inline const std::string cyd = "0190c000-0000-7000-8000-000000000003";

inline DriversSettings quiet_settings() {
  DriversSettings s;
  s.positions_flush_interval_ms = 600'000;
  s.city_interval_ms = 60'000;
  return s;
}

class DriversFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    for (const auto& id : {ada, bob, cyd}) directory.add_user(id, identity::role_driver);
    const std::vector<store::MigrationSet> sets{bus::migrations(),
                                                {"drivers", reskflow_migrations_drivers()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    open_module();
  }

  void release_modules() override { module.reset(); }

  // A fresh module on the same database, as after a restart (hub, transport and registry too).
  void open_module() {
    module.reset();
    restart_platform();
    module = std::make_unique<DriversModuleImpl>(platform(), Deps{directory, authenticator},
                                                 settings, clock.clock(), cluster);
    ASSERT_TRUE(module->start());
  }

  Service& service() { return module->service(); }

  // A courier with a profile and an approved ID, on shift.
  void put_online(const std::string& id, Vehicle vehicle = Vehicle::scooter) {
    directory.verify_age(id);
    ASSERT_TRUE(service().put_profile(id, {vehicle, 2, false}));
    auto online = service().set_shift(id, true);
    ASSERT_TRUE(online) << online.error().detail;
  }

  Position at(double lat, double lng, std::int64_t at_us) {
    return Position{{lat, lng}, at_us, 5, 4, 90};
  }

  // Payloads of the outbox events of `type`, oldest first.
  std::vector<boost::json::object> published(std::string_view type) {
    auto rows = db().read([&](store::Transaction& tx) {
      return tx.query("SELECT payload FROM outbox WHERE type = $1 ORDER BY id",
                      {std::string(type)});
    });
    std::vector<boost::json::object> out;
    if (!rows) return out;
    for (const auto r : *rows) out.push_back(boost::json::parse(r.text(0)).as_object());
    return out;
  }

  DriversSettings settings = quiet_settings();
  // Set before SetUp: the couriers on shift are shared through this Redis.
  std::optional<ClusterDeps> cluster;
  identity::testing::FakeDirectory directory;
  std::unique_ptr<DriversModuleImpl> module;
};

}  // namespace reskflow::drivers::testing

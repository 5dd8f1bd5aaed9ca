// Test support for the drivers tests: the module on a fresh database of each engine, with
// identity's fake directory, the stand-in authenticator, an injected clock, and loops that
// never run on their own (the tests run their bodies: save_positions, publish_city).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "fake_directory.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/bus/relay.h"
#include "reskflow/modules/testing/served_routes.h"
#include "reskflow/store/migrations.h"
#include "test_database.h"

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

class DriversFixture : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    for (const auto& id : {ada, bob, cyd}) directory.add_user(id, identity::role_driver);
    const std::vector<store::MigrationSet> sets{bus::migrations(),
                                                {"drivers", reskflow_migrations_drivers()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    open_module();
  }

  void TearDown() override {
    relay.reset();
    module.reset();
    hub.reset();
    EngineTest::TearDown();
  }

  // A fresh module on the same database, as after a restart (hub, transport and registry too).
  void open_module() {
    relay.reset();
    module.reset();
    hub.reset();
    registry = std::make_unique<metrics::Registry>();
    hub = std::make_unique<ws::Hub>(*registry);
    events = std::make_unique<bus::InProcessTransport>();
    module = std::make_unique<DriversModuleImpl>(
        modules::Platform{config, db(), *events, *hub, *registry}, Deps{directory, authenticator},
        settings, clock.clock());
    ASSERT_TRUE(module->start());
    relay = std::make_unique<bus::Relay>(db(), *events);
  }

  // Publishes an event as another module would, and lets the relay deliver it.
  void publish_and_relay(const std::string& type, const std::string& subject,
                         const boost::json::object& payload) {
    auto id = db().write([&](store::Transaction& tx) {
      return bus::publish(tx, {type, subject, boost::json::serialize(payload)});
    });
    ASSERT_TRUE(id) << id.error().detail;
    auto pass = relay->drain(std::chrono::steady_clock::now() + std::chrono::seconds(30));
    ASSERT_TRUE(pass) << pass.error().detail;
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

  modules::ManualClock clock{1'795'857'000'000'000};  // 2026-11-28T09:10:00Z
  DriversSettings settings = quiet_settings();
  Config config;
  std::unique_ptr<metrics::Registry> registry;
  std::unique_ptr<bus::InProcessTransport> events;
  std::unique_ptr<ws::Hub> hub;
  identity::testing::FakeDirectory directory;
  modules::testing::StandInAuthenticator authenticator;
  std::unique_ptr<DriversModuleImpl> module;
  std::unique_ptr<bus::Relay> relay;
};

}  // namespace reskflow::drivers::testing

// Test support for the proofs tests: the module on a fresh database of each engine, with
// deliveries' and identity's fakes, a proof store in a temporary directory, an injected clock,
// and a WebSocket peer that records the alerts it is sent.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <memory>
#include <vector>

#include "fake_deliveries.h"
#include "fake_directory.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/payload.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/modules/testing/test_images.h"
#include "reskflow/proofs/events.h"
#include "reskflow/store/migrations.h"
#include "reskflow/testing/paths.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_proofs();

namespace reskflow::proofs::testing {

using modules::testing::jpeg_with_exif;
using modules::testing::png_with_text;

inline constexpr std::int64_t minute_us = 60'000'000;
inline const std::string cold = "0190d000-0000-7000-8000-000000000001";
inline const std::string plain = "0190d000-0000-7000-8000-000000000002";
inline const std::string luigi = "0190a000-0000-7000-8000-000000000001";
inline const std::string wok = "0190a000-0000-7000-8000-000000000002";
inline const std::string ada = "0190b000-0000-7000-8000-000000000001";    // customer
inline const std::string bob = "0190b000-0000-7000-8000-000000000002";    // customer
inline const std::string dave = "0190b000-0000-7000-8000-000000000003";   // courier
inline const std::string erin = "0190b000-0000-7000-8000-000000000004";   // courier
inline const std::string mia = "0190b000-0000-7000-8000-000000000005";    // Luigi's staff
inline const std::string wendy = "0190b000-0000-7000-8000-000000000006";  // Wok's staff

using modules::testing::RecordingPeer;

class ProofsFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{bus::migrations(),
                                                {"proofs", reskflow_migrations_proofs()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    directory.add_user(mia, identity::role_merchant);
    directory.add_user(wendy, identity::role_merchant);
    ASSERT_TRUE(directory.add_member(luigi, mia, identity::MerchantLevel::staff));
    ASSERT_TRUE(directory.add_member(wok, wendy, identity::MerchantLevel::staff));
    deliveries.put(delivery(cold, {deliveries::TemperatureRange{2, 8}}));
    deliveries.put(delivery(plain, std::nullopt));
    auto store = modules::FilesystemFileStore::open(files.path() / "proofs");
    ASSERT_TRUE(store);
    module =
        std::make_unique<ProofsModuleImpl>(platform(), Deps{deliveries, directory, authenticator},
                                           ProofsSettings{}, std::move(*store), clock.clock());
    ASSERT_TRUE(module->start());
  }

  void release_modules() override { module.reset(); }

  // A delivery of Luigi's for Ada, carried by Dave, picked up 10 minutes ago.
  deliveries::Delivery delivery(const std::string& id,
                                std::optional<deliveries::TemperatureRange> range) {
    deliveries::Delivery d;
    d.id = id;
    d.order_id = "order-" + id.substr(id.size() - 2);
    d.customer_id = ada;
    d.merchant_id = luigi;
    d.driver_id = dave;
    d.status = deliveries::status_picked_up;
    d.cold_chain = range;
    d.created_at_us = clock.now_us() - 30 * minute_us;
    d.picked_up_at_us = clock.now_us() - 10 * minute_us;
    return d;
  }

  Service& service() { return module->service(); }

  static http::Principal as(std::string role, std::string user) {
    return {std::move(user), std::move(role), {}, "s-1"};
  }

  // The payloads of proofs.temperature.excursion in publication order.
  std::vector<events::TemperatureExcursion> excursion_events() {
    auto rows = db().read([](store::Transaction& tx) {
      return tx.query("SELECT subject, payload FROM outbox WHERE type = $1 ORDER BY id",
                      {std::string(events::temperature_excursion)});
    });
    std::vector<events::TemperatureExcursion> out;
    if (!rows) return out;
    for (const auto r : *rows) {
      auto e = modules::payload::from_payload<events::TemperatureExcursion>(
          events::temperature_excursion, r.text(1));
      EXPECT_TRUE(e);
      if (!e) continue;
      EXPECT_EQ(r.text(0), e->delivery_id);
      out.push_back(std::move(*e));
    }
    return out;
  }

  // `peer` subscribed to `topic` as the caller named by `authorization`.
  Status subscribe(const std::shared_ptr<RecordingPeer>& peer, const std::string& topic,
                   const std::string& authorization) {
    http::Request upgrade;
    upgrade.headers.emplace_back("Authorization", authorization);
    hub().attach(peer);
    return hub().subscribe(peer, upgrade, topic);
  }

  deliveries::testing::FakeDeliveries deliveries;
  identity::testing::FakeDirectory directory;
  reskflow::testing::TempDir files;
  std::unique_ptr<ProofsModuleImpl> module;
};

}  // namespace reskflow::proofs::testing

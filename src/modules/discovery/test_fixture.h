// Discovery's tests: the service on a fresh database of each engine, which the tests feed
// catalog's and reviews' events as the relay would, with the fleet's fake for estimates.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "fake_drivers.h"
#include "metrics.h"
#include "module.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/modules/testing/module_fixture.h"
#include "reskflow/store/migrations.h"
#include "service.h"

namespace reskflow::discovery::testing {

class DiscoveryFixture : public modules::testing::ModuleFixture {
 protected:
  void SetUp() override {
    ModuleFixture::SetUp();
    if (HasFatalFailure()) return;  // no database of this engine
    const std::vector<store::MigrationSet> sets{bus::migrations(), migrations()};
    ASSERT_TRUE(store::migrate(db(), sets));
    service = std::make_unique<Service>(db(), DiscoverySettings{}, metrics, drivers);
  }
  void release_modules() override { service.reset(); }

  DiscoveryMetrics metrics{registry()};
  drivers::testing::FakeDrivers drivers;  // a bike rides 4 m/s, a car 8 m/s, x 1.3 circuity
  std::unique_ptr<Service> service;
};

}  // namespace reskflow::discovery::testing

// Job leases on both engines: one holder among nodes on PostgreSQL, takeover when the holder
// stops renewing or gives the lease up, a restarted node resuming its own lease, SQLite always
// holding, and the leased loop running its body only on the holder.
#include "reskflow/modules/lease.h"

#include <gtest/gtest.h>

#include <array>
#include <memory>

#include "reskflow/bus/transport.h"
#include "reskflow/core/config.h"
#include "reskflow/core/ws_hub.h"
#include "reskflow/modules/testing/runs.h"
#include "test_database.h"

namespace reskflow::modules {
namespace {

using namespace std::chrono_literals;
using testing::Runs;

// One node: its own database handle, metrics and leases, as a separate process would have.
struct Node {
  std::unique_ptr<store::Database> database;
  metrics::Registry registry;

  std::unique_ptr<Lease> lease(const std::string& owner) {
    return std::make_unique<Lease>(*database, "ledger_payouts", owner, LeaseSettings{}, registry);
  }
  bool gauge_says_held() const {
    return registry.render().find("lease_held{lease=\"ledger_payouts\"} 1") != std::string::npos;
  }
};

class LeaseTest : public store::testing::EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    if (HasFatalFailure()) return;
    const std::array sets{lease_migrations()};
    auto migrated = store::migrate(db(), sets);
    ASSERT_TRUE(migrated) << migrated.error().detail;
    for (auto* node : {&a, &b}) {
      auto opened = scratch().open();
      ASSERT_TRUE(opened) << opened.error().detail;
      node->database = std::move(*opened);
    }
  }

  bool several_nodes() const { return engine() == store::Engine::postgres; }

  // As if the holder had missed its renewals for longer than the ttl.
  void let_lease_lapse() {
    auto moved = db().write([](store::Transaction& tx) {
      return tx.exec("UPDATE job_leases SET expires_at = expires_at - interval '1 hour'");
    });
    ASSERT_TRUE(moved) << moved.error().detail;
    ASSERT_EQ(*moved, 1);
  }

  Node a, b;
};

TEST_P(LeaseTest, OnlyOneNodeHoldsTheLease) {
  if (!several_nodes()) GTEST_SKIP() << "one node serves a SQLite database";
  auto first = a.lease("node-a");
  auto second = b.lease("node-b");
  EXPECT_TRUE(first->renew());
  EXPECT_FALSE(second->renew());
  EXPECT_TRUE(first->renew()) << "the holder renews its own lease";
  EXPECT_TRUE(first->held());
  EXPECT_FALSE(second->held());
  EXPECT_TRUE(a.gauge_says_held());
  EXPECT_FALSE(b.gauge_says_held());
}

TEST_P(LeaseTest, AnotherNodeTakesOverWhenTheHolderStopsRenewing) {
  if (!several_nodes()) GTEST_SKIP() << "one node serves a SQLite database";
  auto first = a.lease("node-a");
  auto second = b.lease("node-b");
  ASSERT_TRUE(first->renew());
  ASSERT_FALSE(second->renew());
  let_lease_lapse();
  EXPECT_TRUE(second->renew());
  EXPECT_TRUE(b.gauge_says_held());
  EXPECT_FALSE(first->renew()) << "the old holder learns it lost the lease at its next renewal";
  EXPECT_FALSE(first->held());
  EXPECT_FALSE(a.gauge_says_held());
}

TEST_P(LeaseTest, ANodeThatStopsHandsTheLeaseOverAtOnce) {
  if (!several_nodes()) GTEST_SKIP() << "one node serves a SQLite database";
  auto first = a.lease("node-a");
  auto second = b.lease("node-b");
  ASSERT_TRUE(first->renew());
  ASSERT_FALSE(second->renew());
  first.reset();  // a node shutting down destroys its modules and so its leases
  EXPECT_TRUE(second->renew());
}

TEST_P(LeaseTest, ARestartedNodeWithTheSameNameResumesItsLease) {
  if (!several_nodes()) GTEST_SKIP() << "one node serves a SQLite database";
  auto before_crash = a.lease("node-a");
  ASSERT_TRUE(before_crash->renew());
  // The old process died without giving the lease up; its successor has the same name.
  Node restarted;
  auto opened = scratch().open();
  ASSERT_TRUE(opened) << opened.error().detail;
  restarted.database = std::move(*opened);
  auto after_restart = restarted.lease("node-a");
  EXPECT_TRUE(after_restart->renew());
  EXPECT_FALSE(b.lease("node-b")->renew());
}

TEST_P(LeaseTest, SqliteAlwaysHoldsTheLease) {
  if (several_nodes()) GTEST_SKIP() << "PostgreSQL leases are tested above";
  auto first = a.lease("node-a");
  EXPECT_TRUE(first->renew());
  EXPECT_TRUE(first->held());
  EXPECT_TRUE(a.gauge_says_held());
}

TEST_P(LeaseTest, ALeaseNeverClaimedIsNotHeld) {
  auto lease = a.lease("node-a");
  EXPECT_FALSE(lease->held());
  EXPECT_FALSE(a.gauge_says_held());
}

// A module's job as modules hold it: a leased loop built in the owner's constructor.
struct PayoutJob {
  PayoutJob(const Platform& platform, Runs& runs)
      : loop(leased_loop(platform, "ledger_payouts", 1ms, [&runs] { runs.record(); })) {}
  BackgroundLoop loop;
};

TEST_P(LeaseTest, ALeasedLoopRunsOnlyOnTheHolderUntilItStops) {
  if (!several_nodes()) GTEST_SKIP() << "one node serves a SQLite database";
  Config config_a, config_b;
  config_a.node_name = "node-a";
  config_b.node_name = "node-b";
  bus::InProcessTransport events_a, events_b;
  ws::Hub hub_a(a.registry), hub_b(b.registry);
  const Platform platform_a{config_a, *a.database, events_a, hub_a, a.registry};
  const Platform platform_b{config_b, *b.database, events_b, hub_b, b.registry};
  Runs runs_a, runs_b;
  auto job_a = std::make_unique<PayoutJob>(platform_a, runs_a);
  job_a->loop.start();
  ASSERT_TRUE(runs_a.wait_for_count(1));
  // node-b's loop starts after node-a holds the lease; its first run finds it taken.
  PayoutJob job_b(platform_b, runs_b);
  job_b.loop.start();
  job_b.loop.wake();
  ASSERT_TRUE(runs_a.wait_for_count(runs_a.count() + 5));
  EXPECT_EQ(runs_b.count(), 0);
  EXPECT_FALSE(b.gauge_says_held());
  job_a.reset();  // node-a stops: its lease goes with its loop
  EXPECT_TRUE(runs_b.wait_for_count(1)) << "node-b runs the job after node-a stopped";
  EXPECT_TRUE(b.gauge_says_held());
}

INSTANTIATE_TEST_SUITE_P(Engines, LeaseTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::modules

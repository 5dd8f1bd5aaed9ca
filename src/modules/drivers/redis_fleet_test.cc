// The shared fleet against a real redis-server (RESKFLOW_TEST_REDIS_URL; skipped when unset):
// two RedisFleets on one Redis are two nodes. A courier's points judged on either node against
// the last point any accepted, with the same verdicts as the in-memory fleet; near() and
// available() see couriers whichever node heard them; silence by the injected clock makes a
// courier suspect; a late node cannot restart an ended shift; a node forgets a courier gone
// quiet there; with Redis unreachable, dispatch finds nobody and a known courier's batch is
// judged on the node.
#include "redis_fleet.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>

#include "memory_fleet.h"
#include "reskflow/cluster/redis.h"
#include "test_fixture.h"

namespace reskflow::drivers {
namespace {

constexpr std::int64_t second_us = 1'000'000;
constexpr std::int64_t start_us = 1'795'857'000'000'000;  // 2026-11-28T09:10:00Z

// A bike riding north at 5 m/s from Alexanderplatz, a fix every 5 s, 5 m accurate.
Position ride(int step) {
  return Position{
      {52.5219 + step * 25.0 / 111'195.0, 13.4132}, start_us + step * 5 * second_us, 5, 5, 0};
}

Profile bike(const std::string& id, const std::string& shift_id = "s1") {
  return {id, Vehicle::bike, 2, true, shift_id, start_us, start_us, start_us};
}

std::vector<Verdict> verdicts(const IngestReport& report, std::size_t sent) {
  std::vector<Verdict> out(sent, Verdict::accepted);
  for (const auto& r : report.rejected) out[r.index] = r.verdict;
  return out;
}

// One node: its own connection pool to the test's Redis, and its own fleet.
struct Node {
  Node(const std::string& url, const std::string& prefix, const modules::ManualClock& clock)
      : redis(cluster::Redis::open({url, prefix, std::chrono::milliseconds(2'000), 2}, registry)
                  .value()),
        metrics(registry),
        fleet(DriversSettings{}, clock.clock(), redis->scripts(), metrics,
              [this](const std::string& id) { woken.push_back(id); }) {}
  ~Node() { redis->stop(); }

  metrics::Registry registry;
  std::unique_ptr<cluster::Redis> redis;
  DriversMetrics metrics;
  std::vector<std::string> woken;  // couriers announced as available
  RedisFleet fleet;
};

class RedisFleetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("RESKFLOW_TEST_REDIS_URL");
    if (url == nullptr || *url == '\0')
      GTEST_SKIP() << "RESKFLOW_TEST_REDIS_URL is not set (scripts/test.sh starts Redis)";
    static int runs = 0;
    const auto prefix = "test:fleet:" + std::to_string(getpid()) + ":" + std::to_string(++runs);
    a = std::make_unique<Node>(url, prefix, clock);
    b = std::make_unique<Node>(url, prefix, clock);
  }

  modules::ManualClock clock{start_us + 200 * second_us};
  std::unique_ptr<Node> a;
  std::unique_ptr<Node> b;
};

TEST_F(RedisFleetTest, JudgesEachPointAgainstTheLastOneEitherNodeAccepted) {
  a->fleet.start_shift(bike("c1"), std::nullopt);
  ASSERT_EQ(a->fleet.ingest("c1", std::vector{ride(0), ride(1)})->accepted, 2);
  auto teleport = ride(3);
  teleport.point.lng += 0.05;  // 3.4 km east in 10 s
  std::vector<Position> heard;
  b->fleet.on_position([&](const std::string&, const Position& p) { heard.push_back(p); });
  // Node B never saw c1's points: its judge is the last point node A accepted.
  const std::vector batch{ride(1), ride(0), teleport, ride(2)};
  const auto report = b->fleet.ingest("c1", batch);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(verdicts(*report, batch.size()),
            (std::vector{Verdict::duplicate, Verdict::out_of_order, Verdict::implausible,
                         Verdict::accepted}));
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0].at_us, ride(2).at_us);
  EXPECT_EQ(a->fleet.last_position("c1")->at_us, ride(2).at_us);
  // Each node saves what it accepted; node B learned the speed of the step it saw.
  EXPECT_EQ(b->fleet.take_unsaved().at(0).second.at_us, ride(2).at_us);
  EXPECT_EQ(a->fleet.take_unsaved().at(0).second.at_us, ride(1).at_us);
}

TEST_F(RedisFleetTest, GivesTheVerdictsOfTheMemoryFleetForTheSameTrace) {
  MemoryFleet memory(DriversSettings{}, clock.clock());
  memory.start_shift(bike("c1"), std::nullopt);
  a->fleet.start_shift(bike("c1"), std::nullopt);
  auto teleport = ride(9);
  teleport.point.lng += 0.05;
  auto coarse = ride(13);
  coarse.accuracy_m = 800;
  const std::vector trace{ride(0),  ride(1),  ride(2),  ride(2),  ride(4), ride(3),
                          ride(5),  ride(1),  ride(6),  teleport, ride(9), coarse,
                          ride(60), ride(11), ride(11), ride(12)};
  const auto in_memory = memory.ingest("c1", trace);
  const auto shared = a->fleet.ingest("c1", trace);
  ASSERT_TRUE(shared) << shared.error().detail;
  EXPECT_EQ(verdicts(*shared, trace.size()), verdicts(*in_memory, trace.size()));
  EXPECT_EQ(shared->accepted, in_memory->accepted);
  EXPECT_EQ(shared->dropped, in_memory->dropped);
  EXPECT_EQ(shared->flagged, in_memory->flagged);
  EXPECT_EQ(a->fleet.last_position("c1")->at_us, memory.last_position("c1")->at_us);
}

TEST_F(RedisFleetTest, FindsCouriersNearestFirstWhicheverNodeHeardThem) {
  for (const auto& id : {"near", "far", "late"}) a->fleet.start_shift(bike(id), std::nullopt);
  const auto now = clock.now_us();
  ASSERT_TRUE(a->fleet.ingest("far", std::vector{Position{{52.53, 13.40}, now, 5, 0, 0}}));
  ASSERT_TRUE(b->fleet.ingest("near", std::vector{Position{{52.521, 13.40}, now, 5, 0, 0}}));
  clock.advance(std::chrono::seconds(61));
  ASSERT_TRUE(b->fleet.ingest("late", std::vector{Position{{52.52, 13.40}, now, 5, 0, 0}}));
  clock.advance(std::chrono::seconds(30));
  // "late" spoke 30 s ago, the others 91 s ago: only "late" is fresh, on both nodes.
  EXPECT_EQ(a->fleet.available().size(), 1u);
  EXPECT_EQ(b->fleet.presence("near"), Presence::suspect);
  ASSERT_TRUE(
      b->fleet.ingest("near", std::vector{Position{{52.521, 13.40}, now + second_us, 5, 0, 0}}));
  ASSERT_TRUE(
      a->fleet.ingest("far", std::vector{Position{{52.53, 13.40}, now + second_us, 5, 0, 0}}));
  const auto found = a->fleet.near({52.52, 13.40}, 2'000, 10);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].driver_id, "late");
  EXPECT_EQ(found[1].driver_id, "near");
  EXPECT_EQ(found[2].driver_id, "far");
  EXPECT_EQ(found[1].capacity, 2);
  EXPECT_TRUE(found[1].cold_storage);
  EXPECT_DOUBLE_EQ(found[2].position.point.lat, 52.53);
  EXPECT_EQ(b->fleet.near({52.52, 13.40}, 500, 10).size(), 2u);
  EXPECT_EQ(b->fleet.near({52.52, 13.40}, 2'000, 1).at(0).driver_id, "late");
  EXPECT_EQ(b->fleet.on_shift_count(), 3u);
  EXPECT_EQ(b->fleet.available_count(), 3u);
}

TEST_F(RedisFleetTest, AnnouncesACourierWhoBecomesAvailableOnce) {
  a->fleet.start_shift(bike("c1"), std::nullopt);
  ASSERT_TRUE(b->fleet.ingest("c1", std::vector{ride(0)}));
  ASSERT_TRUE(a->fleet.ingest("c1", std::vector{ride(1)}));
  EXPECT_EQ(b->woken, std::vector<std::string>{"c1"});
  EXPECT_TRUE(a->woken.empty()) << "a courier already available was announced again";
  clock.advance(std::chrono::seconds(61));
  EXPECT_EQ(a->fleet.presence("c1"), Presence::suspect);
  EXPECT_TRUE(b->fleet.available().empty());
  ASSERT_TRUE(a->fleet.ingest("c1", std::vector{ride(2)}));
  EXPECT_EQ(a->woken, std::vector<std::string>{"c1"});
  EXPECT_EQ(b->fleet.presence("c1"), Presence::online);
}

TEST_F(RedisFleetTest, ALateNodeCannotRestartAShiftThatEnded) {
  a->fleet.start_shift(bike("c1", "shift-1"), std::nullopt);
  ASSERT_TRUE(a->fleet.ingest("c1", std::vector{ride(0)}));
  a->fleet.end_shift("c1");
  EXPECT_EQ(b->fleet.presence("c1"), Presence::offline);
  EXPECT_EQ(b->fleet.ingest("c1", std::vector{ride(1)}).error().code, ErrorCode::conflict);
  // Node B read the database just before the shift ended, and puts it back too late.
  b->fleet.start_shift(bike("c1", "shift-1"), ride(0));
  EXPECT_FALSE(a->fleet.online("c1"));
  // The courier's next shift starts as usual.
  b->fleet.start_shift(bike("c1", "shift-2"), ride(0));
  EXPECT_EQ(a->fleet.presence("c1"), Presence::suspect);
  EXPECT_EQ(a->fleet.online("c1")->position.at_us, ride(0).at_us);
}

TEST_F(RedisFleetTest, ForgetsOnANodeTheCouriersWhoStoppedReportingToIt) {
  a->fleet.start_shift(bike("c1"), std::nullopt);
  ASSERT_TRUE(b->fleet.ingest("c1", std::vector{ride(0)}));
  EXPECT_EQ(b->fleet.take_unsaved().size(), 1u);
  EXPECT_EQ(b->fleet.recent_track("c1").size(), 1u);
  clock.advance(std::chrono::seconds(61));
  EXPECT_TRUE(b->fleet.take_unsaved().empty());
  EXPECT_TRUE(b->fleet.recent_track("c1").empty()) << "node B kept a courier gone quiet";
  EXPECT_EQ(b->fleet.presence("c1"), Presence::suspect);  // still on shift for every node
}

TEST(RedisFleetDownTest, FindsNobodyAndJudgesAKnownCouriersBatchOnTheNode) {
  // Nothing listens on port 1: Redis is unreachable from the start.
  modules::ManualClock clock(start_us + 200 * second_us);
  Node node("redis://127.0.0.1:1", "test:fleet:down", clock);
  node.fleet.start_shift(bike("c1"), std::nullopt);
  const auto errors_before = node.metrics.fleet_errors.value();
  EXPECT_TRUE(node.fleet.available().empty());
  EXPECT_TRUE(node.fleet.near({52.52, 13.41}, 5'000, 5).empty());
  EXPECT_FALSE(node.fleet.online("c1"));
  EXPECT_GE(node.metrics.fleet_errors.value(), errors_before + 3);
  const auto report = node.fleet.ingest("c1", std::vector{ride(0), ride(0), ride(1)});
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->accepted, 2);
  EXPECT_EQ(report->dropped, 1);
  EXPECT_EQ(node.fleet.take_unsaved().at(0).second.at_us, ride(1).at_us);
  // A courier this node never saw cannot be judged: they send again once Redis is back.
  EXPECT_EQ(node.fleet.ingest("c2", std::vector{ride(0)}).error().code, ErrorCode::unavailable);
}

}  // namespace
}  // namespace reskflow::drivers

namespace reskflow::drivers::testing {
namespace {

// The module over the shared fleet, on both engines: the database stays the source of truth for
// who is on shift when Redis lost them.
class SharedDriversServiceTest : public DriversFixture {
 protected:
  void SetUp() override {
    const char* url = std::getenv("RESKFLOW_TEST_REDIS_URL");
    if (url == nullptr || *url == '\0')
      GTEST_SKIP() << "RESKFLOW_TEST_REDIS_URL is not set (scripts/test.sh starts Redis)";
    static int runs = 0;
    prefix = "test:fleet-service:" + std::to_string(getpid()) + ":" + std::to_string(++runs);
    redis = cluster::Redis::open({url, prefix, std::chrono::milliseconds(2'000), 2}, redis_metrics)
                .value();
    cluster.emplace(ClusterDeps{redis->scripts(), redis->broadcast()});
    DriversFixture::SetUp();
  }

  // What a Redis restarted without persistence holds: nothing.
  void empty_redis() {
    const std::vector<std::string> none;
    const std::vector<std::string> pattern{prefix + ":*"};
    ASSERT_TRUE(redis->scripts().run(
        "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end", none,
        pattern));
  }

  std::string prefix;
  metrics::Registry redis_metrics;
  std::unique_ptr<cluster::Redis> redis;
};

TEST_P(SharedDriversServiceTest, PutsACourierOnShiftBackAfterRedisLostThem) {
  put_online(ada);
  const auto now = clock.now_us();
  ASSERT_TRUE(service().ingest(ada, std::vector<Position>{at(52.52, 13.40, now)}));
  ASSERT_EQ(module->available().size(), 1u);
  empty_redis();
  EXPECT_FALSE(module->online(ada));
  // The database still has the shift: the next batch puts the courier back and is judged.
  auto report = service().ingest(ada, std::vector<Position>{at(52.5201, 13.40, now + second_us)});
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->accepted, 1);
  ASSERT_EQ(module->available().size(), 1u);
  EXPECT_DOUBLE_EQ(module->available()[0].position.point.lat, 52.5201);
  // A courier who went offline is not put back.
  ASSERT_TRUE(service().set_shift(ada, false));
  EXPECT_EQ(service()
                .ingest(ada, std::vector<Position>{at(52.5202, 13.40, now + 2 * second_us)})
                .error()
                .code,
            ErrorCode::conflict);
  EXPECT_FALSE(module->online(ada));
}

INSTANTIATE_TEST_SUITE_P(Engines, SharedDriversServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::drivers::testing

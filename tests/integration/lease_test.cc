// Scheduled jobs on two nodes (docs/deployment.md#leases): two `reskflow serve` processes on one
// PostgreSQL database. Each leased job runs on one of them only; when the holder is killed with
// SIGKILL, the other takes its leases over once they lapse and runs the dispatcher.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "engines.h"
#include "process.h"
#include "reskflow/testing/client.h"
#include "reskflow/testing/paths.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view dispatcher = "deliveries_dispatch";
constexpr auto lease_ttl = 2000ms;
// Far beyond the documented bound (ttl + ttl / 3 + one dispatch period): a deadline for a
// sanitizer build on a busy machine, not a measurement.
constexpr auto deadline = 60s;

// What a node's /metrics says about its leases and its dispatcher.
struct NodeView {
  std::map<std::string, double> leases_held;  // job -> lease_held
  double dispatch_rounds = 0;
};

NodeView view_of(HttpClient& node) {
  const auto scraped = node.get("/metrics");
  EXPECT_EQ(scraped.status, 200) << scraped.body;
  static const std::regex lease_line(R"re(^lease_held\{lease="([^"]+)"\} (\S+)$)re");
  static const std::regex rounds_line(R"(^deliveries_dispatch_rounds_total (\S+)$)");
  NodeView view;
  std::istringstream lines(scraped.body);
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_match(line, m, lease_line)) view.leases_held[m[1]] = std::stod(m[2]);
    if (std::regex_match(line, m, rounds_line)) view.dispatch_rounds = std::stod(m[1]);
  }
  return view;
}

// Scrapes `node` until `done` holds or the deadline passes; the last view.
template <class Done>
NodeView wait_for(HttpClient& node, Done done) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  auto view = view_of(node);
  while (!done(view) && std::chrono::steady_clock::now() < until) view = view_of(node);
  return view;
}

bool holds(const NodeView& view, std::string_view job) {
  const auto it = view.leases_held.find(std::string(job));
  return it != view.leases_held.end() && it->second == 1;
}

class LeaseTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  std::map<std::string, std::string> node_env(const std::string& name) {
    return shop_env(url, dir.path(),
                    {{"RESKFLOW_NODE_NAME", name},
                     {"RESKFLOW_LEASE_TTL_MS", std::to_string(lease_ttl.count())},
                     {"RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S", "1"}});
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
};

TEST_P(LeaseTest, OneNodeRunsTheJobsAndTheOtherTakesOverWhenItIsKilled) {
  auto a = start_server(node_env("node-a"));
  HttpClient client_a(a.port);
  const auto a_holds = wait_for(client_a, [](const NodeView& v) { return holds(v, dispatcher); });
  ASSERT_TRUE(holds(a_holds, dispatcher));

  auto b = start_server(node_env("node-b"));
  HttpClient client_b(b.port);
  // Node b's loops run on the same periods: after three more rounds on node a, node b's
  // dispatcher has come round at least twice and found the lease taken.
  const double rounds_when_b_started = view_of(client_a).dispatch_rounds;
  const auto a_later = wait_for(
      client_a, [&](const NodeView& v) { return v.dispatch_rounds >= rounds_when_b_started + 3; });
  ASSERT_GE(a_later.dispatch_rounds, rounds_when_b_started + 3);
  const auto b_waiting = view_of(client_b);
  EXPECT_EQ(b_waiting.dispatch_rounds, 0) << "node b ran the dispatcher while node a held it";
  std::vector<std::string> held_by_a;
  for (const auto& [job, held] : a_later.leases_held) {
    if (held == 1) held_by_a.push_back(job);
    EXPECT_FALSE(held == 1 && holds(b_waiting, job)) << job << " is held by both nodes";
  }

  a.process->signal(SIGKILL);
  ASSERT_TRUE(a.process->wait_exit(deadline).has_value());
  const auto killed_at = std::chrono::steady_clock::now();
  const auto b_took_over = wait_for(client_b, [&](const NodeView& v) {
    if (v.dispatch_rounds == 0) return false;
    for (const auto& job : held_by_a)
      if (!holds(v, job)) return false;
    return true;
  });
  const auto took_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - killed_at);
  EXPECT_GT(b_took_over.dispatch_rounds, 0) << "node b never ran the dispatcher";
  for (const auto& job : held_by_a) EXPECT_TRUE(holds(b_took_over, job)) << job;
  RecordProperty("takeover_ms", std::to_string(took_ms.count()));
  std::cout << "node b took " << held_by_a.size() << " leases over " << took_ms.count()
            << " ms after node a was killed (ttl " << lease_ttl.count() << " ms)\n";
}

// Leases matter where several nodes share a database: PostgreSQL.
INSTANTIATE_TEST_SUITE_P(Engines, LeaseTest, ::testing::Values(TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing

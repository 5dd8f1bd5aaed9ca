// `reskflow simulate` against the real binary on both engines (docs/simulator.md): a short city
// in compressed time, 40 visits with declined cards, rejections, declined offers, couriers going
// dark and failed doorsteps. Every order ends, some are delivered, the report's counts add up,
// no order is left open on the server, and `reskflow ledger check` passes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

#include "admin_session.h"
#include "api.h"
#include "engines.h"
#include "process.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view small_city = R"({
  "name": "integration",
  "area": {"lat": 48.8566, "lng": 2.3522, "radius_m": 1500, "city": "Paris", "country": "FR",
           "postal_code": "75004", "time_zone": "Europe/Paris", "currency": "EUR"},
  "merchants": {"count": 3, "items": 4, "delivery_radius_m": 5000,
                "prep_minutes": {"mean": 8, "sd": 3, "min": 2, "max": 20}},
  "customers": 15,
  "couriers": {"count": 10, "vehicles": {"car": 1}, "gps_interval_s": 10},
  "orders": {"per_day": 4000, "start_hour": 12, "time_compression": 60, "total_max": 40},
  "behaviour": {"browse_only": 0.1, "merchant_reject": 0.05, "offer_decline": 0.15,
                "delivery_failed": 0.1, "watch": 0.7, "rate": 0.5, "complain": 0.1},
  "faults": {"courier_dark": 0.5, "courier_dark_minutes": 5, "payment_declined": 0.1},
  "limits": {"http_connections": 8, "courier_sockets_max": 6, "tracking_sockets_max": 8},
  "duration_s": 300,
  "drain_s": 300
})";

std::uint64_t count(const boost::json::object& o, std::string_view key) {
  return o.at(key).to_number<std::uint64_t>();
}

class SimulateTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    env = shop_env(url, dir.path(),
                   {{"RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION", "0"},
                    {"RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S", "1"},
                    {"RESKFLOW_DELIVERIES_OFFER_TIMEOUT_S", "10"},
                    {"RESKFLOW_DELIVERIES_POSITION_THROTTLE_MS", "0"},
                    {"RESKFLOW_DELIVERIES_HIGH_VALUE_MINOR", "3000"},
                    {"RESKFLOW_PROOFS_DIR", (dir.path() / "proofs").string()}});
    server = start_server(env);
    client = std::make_unique<HttpClient>(server.port, 30s);
  }

  // What is still open on the server, whoever placed it: nothing may be.
  void expect_no_open_order() {
    auto admin = admin_session(*client, env, "root@example.com");
    ASSERT_TRUE(admin) << admin.error();
    for (const auto* status : {"placed", "accepted", "preparing", "ready", "picked_up"}) {
      const auto page =
          json_of(call(*client, "GET", std::string("/v1/admin/orders?status=") + status, *admin));
      EXPECT_TRUE(page.at("data").as_array().empty()) << status << ": " << page;
    }
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  std::map<std::string, std::string> env;
  Server server;
  std::unique_ptr<HttpClient> client;
};

TEST_P(SimulateTest, EveryOrderEndsTheReportAddsUpAndTheLedgerBalances) {
  const auto scenario = dir.path() / "city.json";
  std::ofstream(scenario) << small_city;
  const auto report_path = dir.path() / "report.json";
  Process simulation(
      {binary_path(), "simulate", "--target", "http://127.0.0.1:" + std::to_string(server.port),
       "--scenario", scenario.string(), "--seed", "7", "--report", report_path.string()},
      {});
  ASSERT_EQ(simulation.wait_exit(600s), 0) << simulation.output();
  EXPECT_NE(simulation.output().find("reskflow ledger check"), std::string::npos)
      << "the report does not tell the operator to check the ledger";

  std::ifstream in(report_path);
  std::stringstream text;
  text << in.rdbuf();
  const auto report = boost::json::parse(text.str()).as_object();
  const auto& orders = report.at("orders").as_object();
  EXPECT_EQ(count(orders, "visits"), 40U);
  EXPECT_GT(count(orders, "delivered"), 0U);
  EXPECT_EQ(count(orders, "lost"), 0U);
  EXPECT_EQ(count(orders, "placed"), count(orders, "delivered") + count(orders, "failed") +
                                         count(orders, "rejected") + count(orders, "cancelled"))
      << orders;
  EXPECT_EQ(count(orders, "visits"),
            count(orders, "browse_only") + count(orders, "payment_declined") +
                count(orders, "checkout_refused") + count(orders, "placed"))
      << orders;
  const auto& check = report.at("nothing_lost").as_object();
  EXPECT_EQ(count(check, "orders_checked"), count(orders, "placed"));
  EXPECT_TRUE(check.at("ok").as_bool());
  EXPECT_GT(count(report.at("api").as_object().at("all").as_object(), "count"), 0U);
  EXPECT_GT(count(report.at("couriers").as_object(), "gps_points_accepted"), 0U);
  expect_no_open_order();

  Process ledger({binary_path(), "ledger", "check"}, env);
  EXPECT_EQ(ledger.wait_exit(120s), 0) << ledger.output();
}

INSTANTIATE_TEST_SUITE_P(Engines, SimulateTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing

// `reskflow simulate` against the real binary on both engines (docs/simulator.md): a short city
// in compressed time, 40 visits with group and scheduled orders, declined cards, rejections,
// declined offers, couriers changing shifts and going dark (some holding an order, which an
// operator with an administrator's session reassigns) and failed doorsteps. Every order ends,
// some are delivered, the report's counts add up (with the ETA error and courier utilisation), no
// order is left open on the server, and `reskflow ledger check` passes. Then the same simulator
// against an https:// target: HAProxy terminating TLS in front of the server.
#include <gtest/gtest.h>
#include <signal.h>

#include <boost/json.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

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
  "couriers": {"count": 10, "vehicles": {"car": 1}, "gps_interval_s": 10,
               "shift_hours": {"mean": 0.5, "sd": 0.2, "min": 0.25, "max": 1},
               "break_minutes": {"mean": 10, "sd": 3, "min": 5, "max": 20}},
  "orders": {"per_day": 4000, "start_hour": 12, "time_compression": 60, "total_max": 40,
             "schedule_ahead_minutes": {"mean": 60, "sd": 20, "min": 30, "max": 100}},
  "behaviour": {"browse_only": 0.1, "merchant_reject": 0.05, "offer_decline": 0.15,
                "delivery_failed": 0.1, "watch": 0.7, "rate": 0.5, "complain": 0.1,
                "group": 0.2, "scheduled": 0.15},
  "faults": {"courier_dark": 1, "courier_dark_minutes": 30, "courier_dark_holding": 1,
             "payment_declined": 0.1},
  "operator": {"poll_interval_s": 60},
  "limits": {"http_connections": 8, "courier_sockets_max": 6, "tracking_sockets_max": 8},
  "duration_s": 300,
  "drain_s": 300
})";

std::uint64_t count(const boost::json::object& o, std::string_view key) {
  return o.at(key).to_number<std::uint64_t>();
}

double number(const boost::json::object& o, std::string_view key) {
  return o.at(key).to_number<double>();
}

// The drop-off ETA watching customers saw at pickup against the ride: measured for some orders,
// errors non-negative and ordered, each simulated hour's count adding up to the whole, and the
// server's own figure (read with the operator's session) over the deliveries it recorded.
void expect_plausible_eta_error(const boost::json::object& eta, double simulated_s) {
  EXPECT_GT(count(eta, "count"), 0U) << eta;
  // No ride lasted longer than the run, nor was promised for before it.
  EXPECT_LE(number(eta, "max_s"), simulated_s) << eta;
  EXPECT_GE(number(eta, "mae_s"), 0) << eta;
  EXPECT_LE(number(eta, "p50_s"), number(eta, "p90_s")) << eta;
  EXPECT_LE(number(eta, "p90_s"), number(eta, "max_s")) << eta;
  EXPECT_LE(std::abs(number(eta, "mean_signed_s")), number(eta, "mae_s") + 1e-6) << eta;
  std::uint64_t by_hour = 0;
  for (const auto& hour : eta.at("by_simulated_hour").as_array()) {
    EXPECT_GE(number(hour.as_object(), "mae_s"), 0) << hour;
    by_hour += count(hour.as_object(), "count");
  }
  EXPECT_EQ(by_hour, count(eta, "count")) << eta;
  ASSERT_TRUE(eta.at("server").is_object()) << eta;
  const auto& server = eta.at("server").as_object();
  EXPECT_GT(count(server, "deliveries"), 0U) << server;
  EXPECT_GE(number(server, "mae_s"), 0) << server;
}

// Each courier's share of time on shift with a delivery: between 0 and 1, some work done.
void expect_plausible_utilisation(const boost::json::object& u) {
  EXPECT_GT(number(u, "fleet"), 0) << u;
  EXPECT_LE(number(u, "fleet"), 1) << u;
  EXPECT_GT(number(u, "hours_with_a_delivery"), 0) << u;
  EXPECT_LE(number(u, "hours_with_a_delivery"), number(u, "hours_on_shift")) << u;
  const auto& per_courier = u.at("per_courier").as_object();
  EXPECT_GT(count(per_courier, "couriers"), 0U) << u;
  EXPECT_LE(number(per_courier, "p10"), number(per_courier, "p50")) << u;
  EXPECT_LE(number(per_courier, "p50"), number(per_courier, "p90")) << u;
  EXPECT_LE(number(per_courier, "p90"), 1) << u;
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
                    {"RESKFLOW_DRIVERS_SUSPECT_AFTER_S", "10"},
                    {"RESKFLOW_PROOFS_DIR", (dir.path() / "proofs").string()}});
    server = start_server(env);
    client = std::make_unique<HttpClient>(server.port, 30s);
  }

  // The operator's session as an operator opens one (`reskflow admin create`, sign in with the
  // one-time password, enrol TOTP): its refresh token, for the simulator.
  std::string operator_refresh_token() {
    Process create({binary_path(), "admin", "create", "--email", "operator@example.com"}, env);
    EXPECT_EQ(create.wait_exit(60s), 0) << create.output();
    std::smatch m;
    const auto created = create.output();
    if (!std::regex_search(created, m, std::regex("one-time password: (\\S+)"))) {
      ADD_FAILURE() << "no one-time password in:\n" << created;
      return {};
    }
    // A client of its own: the fixture's would sit idle through the run and find its kept-alive
    // connection closed by the server afterwards.
    HttpClient operator_client(server.port, 30s);
    const auto login =
        operator_client.request("POST", "/v1/auth/login",
                                boost::json::serialize(boost::json::object{
                                    {"email", "operator@example.com"}, {"password", m[1].str()}}),
                                {{"Content-Type", "application/json"}});
    EXPECT_EQ(login.status, 200) << login.body;
    const auto tokens = json_of(login);
    const auto enrolled = enrol_totp(operator_client, str(tokens, "access_token"));
    EXPECT_TRUE(enrolled) << (enrolled ? "" : enrolled.error());
    return str(tokens, "refresh_token");
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
      {{"RESKFLOW_SIMULATE_OPERATOR_REFRESH_TOKEN", operator_refresh_token()}});
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
  const auto& couriers = report.at("couriers").as_object();
  EXPECT_GT(count(couriers, "gps_points_accepted"), 0U);
  EXPECT_GT(count(orders, "group"), 0U) << orders;
  EXPECT_GT(count(orders, "group_guests"), 0U) << orders;
  EXPECT_GT(count(orders, "scheduled"), 0U) << orders;
  EXPECT_GT(count(couriers, "shifts_ended"), 0U) << couriers;
  EXPECT_GT(count(couriers, "shifts_started"), 0U) << couriers;
  EXPECT_GT(count(couriers, "dark_spells_holding_an_order"), 0U) << couriers;
  EXPECT_GT(count(report.at("operator").as_object(), "reassigned"), 0U) << report.at("operator");
  expect_plausible_eta_error(report.at("eta_error").as_object(),
                             number(report, "simulated_seconds"));
  expect_plausible_utilisation(couriers.at("utilisation").as_object());
  std::ifstream html_in(dir.path() / "report.html");
  std::stringstream html;
  html << html_in.rdbuf();
  EXPECT_NE(html.str().find("<svg"), std::string::npos) << "no plot beside the JSON report";
  EXPECT_EQ(html.str().find("src="), std::string::npos) << "the page fetches something";
  EXPECT_EQ(html.str().find("href="), std::string::npos) << "the page links out";
  expect_no_open_order();

  Process ledger({binary_path(), "ledger", "check"}, env);
  EXPECT_EQ(ledger.wait_exit(120s), 0) << ledger.output();
}

// A few orders, all watched live, so that both HTTP and the WebSockets go through the proxy.
constexpr std::string_view tls_city = R"({
  "name": "tls",
  "area": {"lat": 48.8566, "lng": 2.3522, "radius_m": 1500, "city": "Paris", "country": "FR",
           "postal_code": "75004", "time_zone": "Europe/Paris", "currency": "EUR"},
  "merchants": {"count": 2, "items": 3, "delivery_radius_m": 5000,
                "prep_minutes": {"mean": 5, "sd": 1, "min": 2, "max": 8}},
  "customers": 6,
  "couriers": {"count": 4, "vehicles": {"car": 1}, "gps_interval_s": 10},
  "orders": {"per_day": 8000, "start_hour": 12, "time_compression": 60, "total_max": 6},
  "behaviour": {"browse_only": 0, "merchant_reject": 0, "offer_decline": 0, "delivery_failed": 0,
                "watch": 1, "group": 0, "scheduled": 0},
  "faults": {"courier_dark": 0, "payment_declined": 0},
  "limits": {"http_connections": 4, "courier_sockets_max": 4, "tracking_sockets_max": 6},
  "duration_s": 120,
  "drain_s": 300
})";

std::string haproxy_tls_config(const std::filesystem::path& site_pem, std::uint16_t port,
                               std::uint16_t backend) {
  return "global\n  maxconn 256\n"
         "defaults\n  mode http\n  timeout connect 5s\n  timeout client 60s\n"
         "  timeout server 60s\n  timeout tunnel 1h\n"
         "frontend tls\n  bind 127.0.0.1:" +
         std::to_string(port) + " ssl crt " + site_pem.string() +
         "\n  default_backend reskflow\n"
         "backend reskflow\n  server node 127.0.0.1:" +
         std::to_string(backend) + "\n";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// `reskflow serve` behind Debian's HAProxy terminating TLS with a certificate the test makes for
// the name "localhost" only (self-signed: ca.pem is its own authority), on SQLite.
class SimulateTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env = shop_env(url, dir.path(),
                   {{"RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION", "0"},
                    {"RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S", "1"},
                    {"RESKFLOW_DELIVERIES_POSITION_THROTTLE_MS", "0"},
                    {"RESKFLOW_TRUSTED_PROXIES", "127.0.0.1"},
                    {"RESKFLOW_PROOFS_DIR", (dir.path() / "proofs").string()}});
    server = start_server(env);
    const auto key = dir.path() / "key.pem";
    Process cert({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                  key.string(), "-out", ca.string(), "-days", "1", "-subj", "/CN=localhost",
                  "-addext", "subjectAltName=DNS:localhost"},
                 {});
    ASSERT_EQ(cert.wait_exit(60s), 0) << cert.output();
    const auto site = dir.path() / "site.pem";  // HAProxy wants the certificate and its key
    std::ofstream(site) << read_file(ca) << read_file(key);
    port = free_port();
    const auto config = dir.path() / "haproxy.cfg";
    std::ofstream(config) << haproxy_tls_config(site, port, server.port);
    haproxy = std::make_unique<Process>(
        std::vector<std::string>{"/usr/sbin/haproxy", "-db", "-f", config.string()},
        std::map<std::string, std::string>{});
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!port_open(port) && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::yield();
    }
    ASSERT_TRUE(port_open(port)) << haproxy->output();
    std::ofstream(scenario) << tls_city;
  }

  void TearDown() override {
    if (haproxy) haproxy->signal(SIGTERM);
    if (haproxy) haproxy->wait_exit(10s);
  }

  std::vector<std::string> simulate(const std::string& target) const {
    return {binary_path(), "simulate",        "--target", target,
            "--scenario",  scenario.string(), "--report", report.string()};
  }

  TempDir dir;
  std::string url = fresh_database_url(TestEngine::sqlite, dir);
  std::map<std::string, std::string> env;
  Server server;
  std::filesystem::path ca = dir.path() / "ca.pem";
  std::filesystem::path scenario = dir.path() / "city.json";
  std::filesystem::path report = dir.path() / "report.json";
  std::unique_ptr<Process> haproxy;
  std::uint16_t port = 0;
};

TEST_F(SimulateTlsTest, PlaysTheCityOverHttpsAndWssWithTheCertificateItIsToldToTrust) {
  auto argv = simulate("https://localhost:" + std::to_string(port));
  argv.insert(argv.end(), {"--ca-file", ca.string()});
  Process simulation(argv, {});
  ASSERT_EQ(simulation.wait_exit(300s), 0) << simulation.output();
  const auto parsed = boost::json::parse(read_file(report)).as_object();
  const auto& orders = parsed.at("orders").as_object();
  EXPECT_EQ(count(orders, "visits"), 6U) << orders;
  EXPECT_GT(count(orders, "delivered"), 0U) << orders;
  EXPECT_EQ(count(orders, "lost"), 0U) << orders;
  EXPECT_GT(count(orders, "watched_live"), 0U) << orders;
  // Messages on the customers' sockets: WebSocket over TLS carried them.
  EXPECT_GT(count(parsed.at("websocket_lag").as_object(), "count"), 0U) << parsed;
  // Offers on the couriers' sockets (none poll: all four have one).
  EXPECT_GT(count(parsed.at("couriers").as_object(), "offers_accepted"), 0U) << parsed;
  EXPECT_EQ(parsed.at("api").at("routes").as_object().count("GET /v1/drivers/me/offers"), 0U);
}

TEST_F(SimulateTlsTest, RefusesACertificateItHasNoReasonToTrust) {
  Process simulation(simulate("https://localhost:" + std::to_string(port)), {});
  EXPECT_EQ(simulation.wait_exit(120s), 1) << simulation.output();
  EXPECT_NE(simulation.output().find("certificate verify failed"), std::string::npos)
      << simulation.output();
}

TEST_F(SimulateTlsTest, RefusesACertificateForAnotherName) {
  auto argv = simulate("https://127.0.0.1:" + std::to_string(port));
  argv.insert(argv.end(), {"--ca-file", ca.string()});
  Process simulation(argv, {});
  EXPECT_EQ(simulation.wait_exit(120s), 1) << simulation.output();
  EXPECT_NE(simulation.output().find("certificate verify failed"), std::string::npos)
      << simulation.output();
}

INSTANTIATE_TEST_SUITE_P(Engines, SimulateTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing

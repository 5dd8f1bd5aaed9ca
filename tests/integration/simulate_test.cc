// `reskflow simulate` against the real binary on both engines (docs/simulator.md): a short city
// in compressed time, 40 visits with group and scheduled orders, declined cards, rejections,
// declined offers, couriers changing shifts and going dark (some holding an order, which an
// operator with an administrator's session reassigns) and failed doorsteps. Every order ends,
// some are delivered, the report's counts add up (with the ETA error and courier utilisation), no
// order is left open on the server, and `reskflow ledger check` passes. Then the same simulator
// against an https:// target: HAProxy terminating TLS in front of the server. Then the demo city
// of `make run`: the seeded stores get the simulated customers' orders and finish them, and the
// online demo driver gets an offer.
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
#include "offers.h"
#include "process.h"
#include "reskflow/demo/accounts.h"
#include "reskflow/testing/paths.h"
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

// A server for a simulated city: couriers without ID documents, dispatch rounds every second and
// offers lapsing after 10 s, plus `extra`.
std::map<std::string, std::string> city_env(const std::string& url,
                                            const std::filesystem::path& dir,
                                            std::map<std::string, std::string> extra = {}) {
  extra.insert({{"RESKFLOW_DRIVERS_REQUIRE_ID_VERIFICATION", "0"},
                {"RESKFLOW_DELIVERIES_DISPATCH_INTERVAL_S", "1"},
                {"RESKFLOW_DELIVERIES_OFFER_TIMEOUT_S", "10"},
                {"RESKFLOW_PROOFS_DIR", (dir / "proofs").string()}});
  return shop_env(url, dir, extra);
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
    env = city_env(url, dir.path(),
                   {{"RESKFLOW_DELIVERIES_POSITION_THROTTLE_MS", "0"},
                    {"RESKFLOW_DELIVERIES_HIGH_VALUE_MINOR", "3000"},
                    {"RESKFLOW_DRIVERS_SUSPECT_AFTER_S", "10"}});
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

// The demo city as `make run` keeps it alive: `reskflow seed`, then the shipped demo scenario,
// which plays the seeded stores through their owners' documented accounts instead of opening
// stores of its own, while the demo driver (whom the simulator leaves alone) is online.
class DemoCityTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  void SetUp() override {
    // Every delivery offered at once (the integration tests' dispatch lead) rather than held
    // for a nearer courier: a few seconds of the test, not a minute each. The owner of 45
    // stores looks at each queue every 3 real seconds or so (the demo: every 10), 15 requests
    // a second on one account: above the default per-user bucket of 600 a minute.
    env = city_env(url, dir.path(),
                   {{"RESKFLOW_DELIVERIES_DISPATCH_LEAD_S", "3600"},
                    {"RESKFLOW_IDENTITY_USER_RATE_PER_MINUTE", "3000"}});
    Process seed({binary_path(), "seed"}, env);
    ASSERT_EQ(seed.wait_exit(300s), 0) << seed.output();
    server = start_server(env);
    client = std::make_unique<HttpClient>(server.port, 30s);
  }

  std::string sign_in(std::string_view email) {
    const auto r = call(*client, "POST", "/v1/auth/login", {},
                        {{"email", email}, {"password", demo::password}});
    EXPECT_EQ(r.status, 200) << email << ": " << r.body;
    return str(json_of(r), "access_token");
  }

  // The stores `token`'s owner is staff of.
  std::vector<std::string> stores_of(const std::string& token) {
    const auto mine = json_of(call(*client, "GET", "/v1/me/merchants", token));
    std::vector<std::string> out;
    for (const auto& m : mine.at("data").as_array()) out.push_back(str(m, "merchant_id"));
    return out;
  }

  // The demo stores keep Berlin's hours; the test may run at 4 a.m. there, when none is open, so
  // it opens them around the clock first (as their owner could).
  void open_around_the_clock(const std::string& token, const std::vector<std::string>& stores) {
    boost::json::array weekly;
    for (const auto* day : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
      weekly.push_back({{"day", day}, {"open", "00:00"}, {"close", "24:00"}});
    const boost::json::object hours{
        {"opening_hours", {{"weekly", weekly}, {"exceptions", boost::json::array{}}}}};
    for (const auto& id : stores) {
      const auto r = call(*client, "PATCH", "/v1/merchants/" + id, token, hours);
      EXPECT_EQ(r.status, 200) << id << ": " << r.body;
    }
  }

  // The orders of `stores` in `status` (every status when empty).
  std::size_t orders_at(const std::string& token, const std::vector<std::string>& stores,
                        const std::string& status = {}) {
    std::size_t n = 0;
    for (const auto& id : stores) {
      const auto page = json_of(call(
          *client, "GET",
          "/v1/merchants/" + id + "/orders?limit=100" + (status.empty() ? "" : "&status=" + status),
          token));
      n += page.at("data").as_array().size();
      EXPECT_FALSE(page.at("has_more").as_bool()) << id;
    }
    return n;
  }

  // The shipped demo scenario cut to what the test looks at, in time running 240 times faster:
  // six visits that all order (nobody only browsing, no declined card, rejection, group or
  // scheduled order, failed doorstep or courier going dark), three simulated couriers in cars on
  // shifts longer than the run (so that the orders outnumber them and the demo driver is asked
  // too), and the stores looking at their queues every 3 real seconds or so and answering an
  // order 2 real seconds after they first see it. A point every 30 simulated seconds is 480 a
  // minute per courier, under the per-user limit.
  std::filesystem::path short_demo() {
    std::ifstream in(source_dir() / "scenarios/demo.json");
    std::stringstream text;
    text << in.rdbuf();
    auto scenario = boost::json::parse(text.str()).as_object();
    auto& orders = scenario["orders"].as_object();
    orders["time_compression"] = 240;
    orders["total_max"] = 6;
    scenario["customers"] = 12;
    auto& couriers = scenario["couriers"].as_object();
    couriers["count"] = 3;
    couriers["vehicles"] = {{"car", 1}};
    couriers["gps_interval_s"] = 30;
    couriers["shift_hours"] = {{"mean", 1000}, {"sd", 0}, {"min", 1000}, {"max", 1000}};
    auto& merchants = scenario["merchants"].as_object();
    merchants["existing"].as_object()["answer_after_real_s"] = 2;
    merchants["poll_interval_s"] = 720;
    auto& behaviour = scenario["behaviour"].as_object();
    for (const auto* never : {"browse_only", "merchant_reject", "offer_decline", "delivery_failed",
                              "complain", "group", "scheduled"})
      behaviour[never] = 0;
    auto& faults = scenario["faults"].as_object();
    faults["courier_dark"] = 0;
    faults["payment_declined"] = 0;
    scenario["duration_s"] = 60;
    scenario["drain_s"] = 120;
    const auto path = dir.path() / "demo.json";
    std::ofstream(path) << boost::json::serialize(scenario);
    return path;
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  std::map<std::string, std::string> env;
  OfferInbox offers;  // before the server: its readers end when the server is gone
  Server server;
  std::unique_ptr<HttpClient> client;
};

TEST_P(DemoCityTest, TheSeededStoresGetOrdersAndTheDemoDriverAnOffer) {
  const auto owner = sign_in(demo::owner_email);
  const auto owner2 = sign_in(demo::owner2_email);
  const auto stores = stores_of(owner);
  const auto bakery = stores_of(owner2);
  ASSERT_FALSE(stores.empty());
  ASSERT_EQ(bakery.size(), 1U);
  open_around_the_clock(owner, stores);
  open_around_the_clock(owner2, bakery);

  // The demo driver goes online in the middle of the demo city, as the driver app does.
  const auto driver = sign_in(demo::driver_email);
  const auto profile = call(*client, "PUT", "/v1/drivers/me", driver,
                            {{"vehicle", "bike"}, {"capacity", 1}, {"cold_storage", false}});
  ASSERT_EQ(profile.status, 200) << profile.body;
  ASSERT_EQ(call(*client, "POST", "/v1/drivers/me/shift", driver, {{"online", true}}).status, 200);
  offers.watch(server.port, driver, str(json_of(profile), "driver_id"), 0);
  const auto report_path = dir.path() / "report.json";
  Process simulation(
      {binary_path(), "simulate", "--target", "http://127.0.0.1:" + std::to_string(server.port),
       "--scenario", short_demo().string(), "--seed", "3", "--report", report_path.string()},
      {});

  // Where it stands, reported every few seconds (dispatch forgets a courier silent for a
  // minute), until an offer comes.
  std::optional<std::pair<std::size_t, boost::json::object>> offer;
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  while (!offer && std::chrono::steady_clock::now() < deadline) {
    const boost::json::object point{{"lat", 52.5200},
                                    {"lng", 13.4050},
                                    {"at", iso_utc(std::chrono::system_clock::now())},
                                    {"accuracy_m", 10}};
    const auto sent = call(*client, "POST", "/v1/drivers/me/locations", driver,
                           {{"points", boost::json::array{point}}});
    EXPECT_EQ(sent.status, 200) << sent.body;
    offer = offers.wait(5s);
  }
  ASSERT_TRUE(offer) << "the online demo driver got no offer in 2 minutes";
  // Declined and off shift, so that the simulated couriers carry everything to the end.
  EXPECT_EQ(
      call(*client, "POST", "/v1/offers/" + str(offer->second, "id") + "/decline", driver).status,
      204);
  EXPECT_EQ(call(*client, "POST", "/v1/drivers/me/shift", driver, {{"online", false}}).status, 200);

  ASSERT_EQ(simulation.wait_exit(300s), 0) << simulation.output();
  // A new connection: the server closed the one kept idle through the run.
  client = std::make_unique<HttpClient>(server.port, 30s);
  std::ifstream in(report_path);
  std::stringstream text;
  text << in.rdbuf();
  const auto orders = boost::json::parse(text.str()).as_object().at("orders").as_object();
  EXPECT_EQ(count(orders, "lost"), 0U);
  // Every order the simulated customers placed went to a seeded store (the simulator opened
  // none), the seeded owners' queues took them, and each was delivered (nothing in this run
  // fails one), the one the demo driver declined by a simulated courier.
  ASSERT_GT(count(orders, "placed"), 0U) << orders;
  EXPECT_EQ(orders_at(owner, stores) + orders_at(owner2, bakery), count(orders, "placed"));
  const auto delivered =
      orders_at(owner, stores, "delivered") + orders_at(owner2, bakery, "delivered");
  EXPECT_EQ(delivered, count(orders, "placed")) << orders;
  EXPECT_EQ(delivered, count(orders, "delivered"));
}

INSTANTIATE_TEST_SUITE_P(Engines, DemoCityTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing

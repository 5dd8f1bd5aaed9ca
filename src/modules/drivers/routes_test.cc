// The drivers routes and WebSocket messages over a real server on both engines, behind the
// stand-in guard: ownership (a courier sees only their own profile, customers cannot post
// locations), bad input, the problems of an incomplete profile, and the admins' live city.
#include "reskflow/modules/utc_time.h"
#include "reskflow/testing/client.h"
#include "test_fixture.h"

namespace reskflow::drivers::testing {
namespace {

using reskflow::testing::HttpClient;
using reskflow::testing::HttpResult;
using reskflow::testing::WsClient;

boost::json::object body_of(const HttpResult& r) { return boost::json::parse(r.body).as_object(); }
boost::json::object message_of(const std::optional<std::string>& m) {
  return m ? boost::json::parse(*m).as_object() : boost::json::object{{"type", "nothing"}};
}

std::set<std::string> error_fields(const HttpResult& r) {
  std::set<std::string> out;
  const auto body = body_of(r);
  if (const auto* errors = body.if_contains("errors")) {
    for (const auto& e : errors->as_array()) out.emplace(e.at("field").as_string());
  }
  return out;
}

class DriversRoutesTest : public DriversFixture {
 protected:
  void SetUp() override {
    DriversFixture::SetUp();
    ASSERT_TRUE(module->add_routes(router));
    auto started = modules::testing::ServedRoutes::start(router, *hub, *registry);
    ASSERT_TRUE(started) << started.error().detail;
    served = std::move(*started);
  }

  void TearDown() override {
    served.reset();
    DriversFixture::TearDown();
  }

  HttpResult call(std::string_view method, std::string_view path, std::string body = {},
                  const std::string& who = {}) {
    HttpClient client(served->port());
    std::vector<std::pair<std::string, std::string>> headers{{"Content-Type", "application/json"}};
    if (!who.empty()) headers.emplace_back("Authorization", "Bearer " + who);
    return client.request(method, path, std::move(body), std::move(headers));
  }

  std::unique_ptr<WsClient> socket(const std::string& who) {
    return std::make_unique<WsClient>(
        served->port(), "/v1/ws",
        std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + who}});
  }

  std::string point(double lat, double lng, std::int64_t at_us) {
    return boost::json::serialize(boost::json::object{
        {"lat", lat}, {"lng", lng}, {"at", modules::iso_utc(at_us)}, {"accuracy_m", 5}});
  }

  const std::string as_ada = "driver:" + ada;
  const std::string as_bob = "driver:" + bob;
  const std::string as_customer = "customer:u-9";
  const std::string as_admin = "admin:admin-1";
  http::Router router;
  std::unique_ptr<modules::testing::ServedRoutes> served;
};

TEST_P(DriversRoutesTest, ACourierKeepsTheirOwnProfile) {
  EXPECT_EQ(call("GET", "/v1/drivers/me", {}, as_ada).status, 404);
  auto put = call("PUT", "/v1/drivers/me",
                  R"({"vehicle":"scooter","capacity":3,"cold_storage":true})", as_ada);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(body_of(put).at("driver_id").as_string(), ada);
  EXPECT_EQ(body_of(put).at("status").as_string(), "offline");
  EXPECT_EQ(put.header("Cache-Control"), "no-store");
  auto mine = call("GET", "/v1/drivers/me", {}, as_ada);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(body_of(mine).at("vehicle").as_string(), "scooter");
  EXPECT_TRUE(body_of(mine).at("cold_storage").as_bool());
  // Bob has none: he never sees Ada's.
  EXPECT_EQ(call("GET", "/v1/drivers/me", {}, as_bob).status, 404);
  EXPECT_EQ(call("GET", "/v1/drivers/me", {}, as_customer).status, 403);
  EXPECT_EQ(call("GET", "/v1/drivers/me").status, 401);
}

TEST_P(DriversRoutesTest, RefusesABadProfileWithFieldErrors) {
  auto bad =
      call("PUT", "/v1/drivers/me", R"({"vehicle":"rocket","capacity":0,"colour":"red"})", as_ada);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), (std::set<std::string>{"vehicle", "capacity", "colour"}));
  auto too_many = call("PUT", "/v1/drivers/me", R"({"vehicle":"bike","capacity":5})", as_ada);
  EXPECT_EQ(too_many.status, 422);
  EXPECT_EQ(error_fields(too_many), (std::set<std::string>{"capacity"}));
}

TEST_P(DriversRoutesTest, AnIncompleteProfileCannotGoOnline) {
  auto no_profile = call("POST", "/v1/drivers/me/shift", R"({"online":true})", as_ada);
  EXPECT_EQ(no_profile.status, 409);
  EXPECT_EQ(body_of(no_profile).at("type").as_string(), "urn:reskflow:problem:conflict");
  ASSERT_EQ(call("PUT", "/v1/drivers/me", R"({"vehicle":"car","capacity":2})", as_ada).status, 200);
  EXPECT_EQ(call("POST", "/v1/drivers/me/shift", R"({"online":true})", as_ada).status, 409);
  directory.verify_age(ada);
  auto online = call("POST", "/v1/drivers/me/shift", R"({"online":true})", as_ada);
  ASSERT_EQ(online.status, 200) << online.body;
  EXPECT_EQ(body_of(online).at("status").as_string(), "suspect");
  EXPECT_EQ(body_of(online).at("shift_started_at").as_string(), "2026-11-28T09:10:00Z");
  EXPECT_EQ(call("POST", "/v1/drivers/me/shift", R"({"online":"yes"})", as_ada).status, 422);
}

TEST_P(DriversRoutesTest, PostsLocationsAndSaysWhatBecameOfEachPoint) {
  const auto now = clock.now_us();
  const std::string batch = R"({"points":[)" + point(52.52, 13.40, now) + "," +
                            point(52.52, 13.40, now) + "," + point(52.60, 13.40, now + second_us) +
                            "]}";
  EXPECT_EQ(call("POST", "/v1/drivers/me/locations", batch, as_customer).status, 403);
  EXPECT_EQ(call("POST", "/v1/drivers/me/locations", batch, as_ada).status, 409);  // offline
  put_online(ada);
  auto posted = call("POST", "/v1/drivers/me/locations", batch, as_ada);
  ASSERT_EQ(posted.status, 200) << posted.body;
  const auto report = body_of(posted);
  EXPECT_EQ(report.at("accepted").as_int64(), 1);
  EXPECT_EQ(report.at("dropped").as_int64(), 1);
  EXPECT_EQ(report.at("flagged").as_int64(), 1);
  EXPECT_EQ(boost::json::serialize(report.at("rejected")),
            R"([{"index":1,"reason":"duplicate"},{"index":2,"reason":"implausible"}])");
  auto mine = body_of(call("GET", "/v1/drivers/me", {}, as_ada));
  EXPECT_EQ(mine.at("status").as_string(), "online");
  EXPECT_EQ(mine.at("position").at("at").as_string(), "2026-11-28T09:10:00Z");
}

TEST_P(DriversRoutesTest, RefusesBadPointsAndOversizedBatches) {
  put_online(ada);
  const auto now = clock.now_us();
  auto far = call("POST", "/v1/drivers/me/locations",
                  R"({"points":[{"lat":200,"lng":13.4,"at":"2026-11-28T09:10:00Z",)"
                  R"("accuracy_m":5}]})",
                  as_ada);
  EXPECT_EQ(far.status, 422);
  EXPECT_EQ(error_fields(far), (std::set<std::string>{"points[0].lat"}));
  auto nan =
      call("POST", "/v1/drivers/me/locations",
           R"({"points":[{"lat":"NaN","lng":13.4,"at":"yesterday","accuracy_m":5}]})", as_ada);
  EXPECT_EQ(nan.status, 422);
  EXPECT_EQ(error_fields(nan), (std::set<std::string>{"points[0].lat", "points[0].at"}));
  EXPECT_EQ(call("POST", "/v1/drivers/me/locations", R"({"points":[]})", as_ada).status, 422);
  std::string huge = R"({"points":[)";
  for (int i = 0; i < 10'000; ++i) huge += (i ? "," : "") + point(52.52, 13.40, now + i);
  huge += "]}";
  auto oversized = call("POST", "/v1/drivers/me/locations", huge, as_ada);
  EXPECT_EQ(oversized.status, 422) << oversized.body.substr(0, 300);
  EXPECT_EQ(error_fields(oversized), (std::set<std::string>{"points"}));
  EXPECT_TRUE(module->recent_track(ada).empty());
}

TEST_P(DriversRoutesTest, TakesLocationsOverTheWebSocket) {
  put_online(ada);
  const auto now = clock.now_us();
  auto courier = socket(as_ada);
  courier->send(R"({"type":"location","points":[)" + point(52.52, 13.40, now) + "," +
                point(52.5201, 13.40, now + 5 * second_us) + "]}");
  auto result = message_of(courier->receive());
  EXPECT_EQ(result.at("type").as_string(), "location.result");
  EXPECT_EQ(result.at("accepted").as_int64(), 2);
  EXPECT_EQ(module->recent_track(ada).size(), 2u);
  courier->send(R"({"type":"location","points":[{"lat":1}]})");
  auto bad = message_of(courier->receive());
  EXPECT_EQ(bad.at("type").as_string(), "error");
  EXPECT_EQ(bad.at("status").as_int64(), 422);

  auto customer = socket(as_customer);
  customer->send(R"({"type":"location","points":[)" + point(52.52, 13.40, now) + "]}");
  auto refused = message_of(customer->receive());
  EXPECT_EQ(refused.at("type").as_string(), "error");
  EXPECT_EQ(refused.at("for").as_string(), "location");
  EXPECT_EQ(refused.at("status").as_int64(), 403);
}

TEST_P(DriversRoutesTest, AdminsWatchTheCityOnlyWhenCouriersMove) {
  auto customer = socket(as_customer);
  customer->send(R"({"type":"subscribe","topic":"city.drivers"})");
  EXPECT_EQ(message_of(customer->receive()).at("status").as_int64(), 403);
  auto admin = socket(as_admin);
  admin->send(R"({"type":"subscribe","topic":"city.drivers"})");
  ASSERT_EQ(message_of(admin->receive()).at("type").as_string(), "subscribed");
  put_online(ada);
  put_online(bob);
  const auto now = clock.now_us();
  for (int i = 0; i < 5; ++i) {  // five points between two rounds: one message
    ASSERT_TRUE(service().ingest(
        ada, std::vector<Position>{at(52.52 + i * 0.0001, 13.40, now + i * second_us)}));
  }
  module->publish_city();
  auto event = message_of(admin->receive());
  ASSERT_EQ(event.at("topic").as_string(), "city.drivers");
  const auto& drivers = event.at("data").at("drivers").as_array();
  ASSERT_EQ(drivers.size(), 2u);  // ada moved, bob came online
  EXPECT_EQ(drivers[0].at("driver_id").as_string(), ada);
  EXPECT_EQ(drivers[0].at("status").as_string(), "online");
  EXPECT_DOUBLE_EQ(drivers[0].at("position").at("lat").as_double(), 52.5204);
  EXPECT_EQ(drivers[1].at("status").as_string(), "suspect");
  module->publish_city();  // nothing changed: nothing sent
  ASSERT_TRUE(service().set_shift(bob, false));
  module->publish_city();
  auto gone = message_of(admin->receive());
  const auto& left = gone.at("data").at("drivers").as_array();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].at("driver_id").as_string(), bob);
  EXPECT_EQ(left[0].at("status").as_string(), "offline");
}

TEST_P(DriversRoutesTest, ListsCouriersForAdminsOnly) {
  put_online(ada);
  ASSERT_EQ(call("PUT", "/v1/drivers/me", R"({"vehicle":"bike","capacity":1})", as_bob).status,
            200);
  EXPECT_EQ(call("GET", "/v1/admin/drivers", {}, as_ada).status, 403);
  auto page = call("GET", "/v1/admin/drivers?limit=1", {}, as_admin);
  ASSERT_EQ(page.status, 200) << page.body;
  auto body = body_of(page);
  ASSERT_EQ(body.at("data").as_array().size(), 1u);
  EXPECT_EQ(body.at("data").at(0).at("status").as_string(), "suspect");
  ASSERT_TRUE(body.at("has_more").as_bool());
  auto next = body_of(call(
      "GET", "/v1/admin/drivers?limit=1&cursor=" + std::string(body.at("next_cursor").as_string()),
      {}, as_admin));
  EXPECT_EQ(next.at("data").at(0).at("driver_id").as_string(), bob);
  EXPECT_EQ(next.at("data").at(0).at("status").as_string(), "offline");
  EXPECT_EQ(call("GET", "/v1/admin/drivers?limit=0", {}, as_admin).status, 422);
}

INSTANTIATE_TEST_SUITE_P(Engines, DriversRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::drivers::testing

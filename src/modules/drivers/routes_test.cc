// The drivers routes and WebSocket messages over a real server on both engines, behind the
// stand-in guard: ownership (a courier sees only their own profile, customers cannot post
// locations), bad input, the problems of an incomplete profile, and the admins' live city.
#include "reskflow/modules/utc_time.h"
#include "reskflow/testing/client.h"
#include "test_fixture.h"

namespace reskflow::drivers::testing {
namespace {

using reskflow::testing::HttpResult;
using reskflow::testing::WsClient;

boost::json::object message_of(const std::optional<std::string>& m) {
  return m ? boost::json::parse(*m).as_object() : boost::json::object{{"type", "nothing"}};
}

class DriversRoutesTest : public DriversFixture {
 protected:
  void SetUp() override {
    DriversFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  std::unique_ptr<WsClient> socket(const std::string& who) {
    return std::make_unique<WsClient>(
        port(), "/v1/ws",
        std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer " + who}});
  }

  std::string point(double lat, double lng, std::int64_t at_us) {
    return boost::json::serialize(boost::json::object{
        {"lat", lat}, {"lng", lng}, {"at", modules::iso_utc(at_us)}, {"accuracy_m", 5}});
  }

  const std::string as_ada = "driver:" + ada;
  const std::string as_bob = "driver:" + bob;
  const std::string as_customer = "customer:u-9";
};

TEST_P(DriversRoutesTest, ACourierKeepsTheirOwnProfile) {
  EXPECT_EQ(call("GET", "/v1/drivers/me", as_ada).status, 404);
  auto put = call("PUT", "/v1/drivers/me", as_ada,
                  R"({"vehicle":"scooter","capacity":3,"cold_storage":true})");
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(body_of(put).at("driver_id").as_string(), ada);
  EXPECT_EQ(body_of(put).at("status").as_string(), "offline");
  EXPECT_EQ(put.header("Cache-Control"), "no-store");
  auto mine = call("GET", "/v1/drivers/me", as_ada);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(body_of(mine).at("vehicle").as_string(), "scooter");
  EXPECT_TRUE(body_of(mine).at("cold_storage").as_bool());
  // Bob has none: he never sees Ada's.
  EXPECT_EQ(call("GET", "/v1/drivers/me", as_bob).status, 404);
  EXPECT_EQ(call("GET", "/v1/drivers/me", as_customer).status, 403);
  EXPECT_EQ(call("GET", "/v1/drivers/me").status, 401);
}

TEST_P(DriversRoutesTest, RefusesABadProfileWithFieldErrors) {
  auto bad =
      call("PUT", "/v1/drivers/me", as_ada, R"({"vehicle":"rocket","capacity":0,"colour":"red"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), (std::set<std::string>{"vehicle", "capacity", "colour"}));
  auto too_many = call("PUT", "/v1/drivers/me", as_ada, R"({"vehicle":"bike","capacity":5})");
  EXPECT_EQ(too_many.status, 422);
  EXPECT_EQ(error_fields(too_many), (std::set<std::string>{"capacity"}));
}

TEST_P(DriversRoutesTest, AnIncompleteProfileCannotGoOnline) {
  auto no_profile = call("POST", "/v1/drivers/me/shift", as_ada, R"({"online":true})");
  EXPECT_EQ(no_profile.status, 409);
  EXPECT_EQ(body_of(no_profile).at("type").as_string(), "urn:reskflow:problem:conflict");
  ASSERT_EQ(call("PUT", "/v1/drivers/me", as_ada, R"({"vehicle":"car","capacity":2})").status, 200);
  EXPECT_EQ(call("POST", "/v1/drivers/me/shift", as_ada, R"({"online":true})").status, 409);
  directory.verify_age(ada);
  auto online = call("POST", "/v1/drivers/me/shift", as_ada, R"({"online":true})");
  ASSERT_EQ(online.status, 200) << online.body;
  EXPECT_EQ(body_of(online).at("status").as_string(), "suspect");
  EXPECT_EQ(body_of(online).at("shift_started_at").as_string(), "2026-11-28T09:10:00Z");
  EXPECT_EQ(call("POST", "/v1/drivers/me/shift", as_ada, R"({"online":"yes"})").status, 422);
}

TEST_P(DriversRoutesTest, PostsLocationsAndSaysWhatBecameOfEachPoint) {
  const auto now = clock.now_us();
  const std::string batch = R"({"points":[)" + point(52.52, 13.40, now) + "," +
                            point(52.52, 13.40, now) + "," + point(52.60, 13.40, now + second_us) +
                            "]}";
  EXPECT_EQ(call("POST", "/v1/drivers/me/locations", as_customer, batch).status, 403);
  EXPECT_EQ(call("POST", "/v1/drivers/me/locations", as_ada, batch).status, 409);  // offline
  put_online(ada);
  auto posted = call("POST", "/v1/drivers/me/locations", as_ada, batch);
  ASSERT_EQ(posted.status, 200) << posted.body;
  const auto report = body_of(posted);
  EXPECT_EQ(report.at("accepted").as_int64(), 1);
  EXPECT_EQ(report.at("dropped").as_int64(), 1);
  EXPECT_EQ(report.at("flagged").as_int64(), 1);
  EXPECT_EQ(boost::json::serialize(report.at("rejected")),
            R"([{"index":1,"reason":"duplicate"},{"index":2,"reason":"implausible"}])");
  auto mine = body_of(call("GET", "/v1/drivers/me", as_ada));
  EXPECT_EQ(mine.at("status").as_string(), "online");
  EXPECT_EQ(mine.at("position").at("at").as_string(), "2026-11-28T09:10:00Z");
}

TEST_P(DriversRoutesTest, RefusesBadPointsAndOversizedBatches) {
  put_online(ada);
  const auto now = clock.now_us();
  auto far = call("POST", "/v1/drivers/me/locations", as_ada,
                  R"({"points":[{"lat":200,"lng":13.4,"at":"2026-11-28T09:10:00Z",)"
                  R"("accuracy_m":5}]})");
  EXPECT_EQ(far.status, 422);
  EXPECT_EQ(error_fields(far), (std::set<std::string>{"points[0].lat"}));
  auto nan = call("POST", "/v1/drivers/me/locations", as_ada,
                  R"({"points":[{"lat":"NaN","lng":13.4,"at":"yesterday","accuracy_m":5}]})");
  EXPECT_EQ(nan.status, 422);
  EXPECT_EQ(error_fields(nan), (std::set<std::string>{"points[0].lat", "points[0].at"}));
  EXPECT_EQ(call("POST", "/v1/drivers/me/locations", as_ada, R"({"points":[]})").status, 422);
  std::string huge = R"({"points":[)";
  for (int i = 0; i < 10'000; ++i) huge += (i ? "," : "") + point(52.52, 13.40, now + i);
  huge += "]}";
  auto oversized = call("POST", "/v1/drivers/me/locations", as_ada, huge);
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
  ASSERT_EQ(call("PUT", "/v1/drivers/me", as_bob, R"({"vehicle":"bike","capacity":1})").status,
            200);
  EXPECT_EQ(call("GET", "/v1/admin/drivers", as_ada).status, 403);
  auto page = call("GET", "/v1/admin/drivers?limit=1", as_admin);
  ASSERT_EQ(page.status, 200) << page.body;
  auto body = body_of(page);
  ASSERT_EQ(body.at("data").as_array().size(), 1u);
  EXPECT_EQ(body.at("data").at(0).at("status").as_string(), "suspect");
  ASSERT_TRUE(body.at("has_more").as_bool());
  auto next = body_of(call(
      "GET", "/v1/admin/drivers?limit=1&cursor=" + std::string(body.at("next_cursor").as_string()),
      as_admin));
  EXPECT_EQ(next.at("data").at(0).at("driver_id").as_string(), bob);
  EXPECT_EQ(next.at("data").at(0).at("status").as_string(), "offline");
  EXPECT_EQ(call("GET", "/v1/admin/drivers?limit=0", as_admin).status, 422);
}

INSTANTIATE_TEST_SUITE_P(Engines, DriversRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::drivers::testing

// The drivers service on both engines: profiles bounded by the vehicle, shifts with their events,
// points only while on shift, offline-suspect after silence, the spatial queries, positions and
// learned speeds that survive a restart, the admins' list and an erased courier.
#include "reskflow/drivers/events.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/utc_time.h"
#include "test_fixture.h"
#include "travel_model.h"

namespace reskflow::drivers::testing {
namespace {

class DriversServiceTest : public DriversFixture {};

TEST_P(DriversServiceTest, KeepsAProfileWithinWhatTheVehicleCarries) {
  EXPECT_EQ(service().profile(ada).error().code, ErrorCode::not_found);
  auto too_many = service().put_profile(ada, {Vehicle::bike, 3, false});
  ASSERT_FALSE(too_many);
  EXPECT_EQ(too_many.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(too_many.error().fields.at(0).field, "capacity");
  EXPECT_EQ(too_many.error().fields.at(0).message, "a bike carries 1 to 2 orders");
  ASSERT_TRUE(service().put_profile(ada, {Vehicle::van, 8, true}));
  const auto view = service().profile(ada);
  ASSERT_TRUE(view) << view.error().detail;
  EXPECT_EQ(view->profile.vehicle, Vehicle::van);
  EXPECT_EQ(view->profile.capacity, 8);
  EXPECT_TRUE(view->profile.cold_storage);
  EXPECT_FALSE(view->id_verified);
  EXPECT_EQ(view->presence, Presence::offline);
  EXPECT_FALSE(view->position);
}

TEST_P(DriversServiceTest, GoesOnlineOnlyWithAProfileAndAnApprovedId) {
  auto no_profile = service().set_shift(ada, true);
  ASSERT_FALSE(no_profile);
  EXPECT_EQ(no_profile.error().code, ErrorCode::conflict);
  EXPECT_NE(no_profile.error().detail.find("PUT /v1/drivers/me"), std::string::npos);
  ASSERT_TRUE(service().put_profile(ada, {Vehicle::car, 4, false}));
  auto no_id = service().set_shift(ada, true);
  ASSERT_FALSE(no_id);
  EXPECT_EQ(no_id.error().code, ErrorCode::conflict);
  EXPECT_NE(no_id.error().detail.find("ID verification"), std::string::npos);
  EXPECT_FALSE(module->online(ada));

  directory.verify_age(ada);
  auto online = service().set_shift(ada, true);
  ASSERT_TRUE(online) << online.error().detail;
  EXPECT_EQ(online->presence, Presence::suspect);  // on shift, no point yet
  ASSERT_TRUE(service().set_shift(ada, true));     // already online: nothing new
  const auto started = published(events::shift_started);
  ASSERT_EQ(started.size(), 1u);
  EXPECT_EQ(started[0].at("driver_id").as_string(), ada);
  EXPECT_EQ(started[0].at("vehicle").as_string(), "car");
  EXPECT_EQ(started[0].at("at").as_string(), "2026-11-28T09:10:00Z");
  EXPECT_EQ(module->online(ada)->capacity, 4);

  EXPECT_EQ(service().put_profile(ada, {Vehicle::bike, 1, false}).error().code,
            ErrorCode::conflict);
  clock.advance(std::chrono::hours(3));
  auto offline = service().set_shift(ada, false);
  ASSERT_TRUE(offline) << offline.error().detail;
  EXPECT_EQ(offline->presence, Presence::offline);
  EXPECT_FALSE(module->online(ada));
  const auto ended = published(events::shift_ended);
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0].at("shift_id"), started[0].at("shift_id"));
  EXPECT_EQ(ended[0].at("at").as_string(), "2026-11-28T12:10:00Z");
}

TEST_P(DriversServiceTest, TakesPointsOnlyOnShiftAndSuspectsASilentCourier) {
  const auto now = clock.now_us();
  const std::vector<Position> one{at(52.52, 13.40, now)};
  EXPECT_EQ(service().ingest(ada, one).error().code, ErrorCode::conflict);
  put_online(ada);
  auto report = service().ingest(ada, one);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->accepted, 1);
  ASSERT_EQ(module->available().size(), 1u);
  EXPECT_EQ(module->available()[0].position.at_us, now);
  EXPECT_EQ(service().profile(ada)->presence, Presence::online);

  clock.advance(std::chrono::seconds(61));
  EXPECT_TRUE(module->available().empty());
  EXPECT_TRUE(module->near({52.52, 13.40}, 1'000, 10).empty());
  EXPECT_EQ(service().profile(ada)->presence, Presence::suspect);
  ASSERT_TRUE(module->online(ada));  // still on shift
  const std::vector<Position> next{at(52.5201, 13.40, clock.now_us())};
  ASSERT_TRUE(service().ingest(ada, next));
  EXPECT_EQ(module->available().size(), 1u);
}

TEST_P(DriversServiceTest, FindsAvailableCouriersNearestFirst) {
  const auto now = clock.now_us();
  for (const auto& id : {ada, bob, cyd}) put_online(id);
  ASSERT_TRUE(service().ingest(ada, std::vector<Position>{at(52.5300, 13.4050, now)}));
  ASSERT_TRUE(service().ingest(bob, std::vector<Position>{at(52.5210, 13.4050, now)}));
  ASSERT_TRUE(service().ingest(cyd, std::vector<Position>{at(52.6000, 13.4050, now)}));
  const auto near = module->near({52.5200, 13.4050}, 2'000, 10);
  ASSERT_EQ(near.size(), 2u);
  EXPECT_EQ(near[0].driver_id, bob);
  EXPECT_EQ(near[1].driver_id, ada);
  EXPECT_EQ(module->near({52.5200, 13.4050}, 2'000, 1).size(), 1u);
  ASSERT_TRUE(service().set_shift(bob, false));
  EXPECT_EQ(module->near({52.5200, 13.4050}, 2'000, 10).size(), 1u);
}

TEST_P(DriversServiceTest, KeepsTheLastKnownPointAcrossARestart) {
  put_online(ada);
  put_online(bob);
  const auto now = clock.now_us();
  ASSERT_TRUE(service().ingest(
      ada, std::vector<Position>{at(52.52, 13.40, now), at(52.5201, 13.40, now + second_us)}));
  ASSERT_TRUE(service().ingest(bob, std::vector<Position>{at(48.85, 2.35, now)}));
  EXPECT_EQ(service().save_positions().value_or(0), 2u);
  EXPECT_EQ(service().save_positions().value_or(9), 0u);  // nothing new
  ASSERT_TRUE(service().ingest(bob, std::vector<Position>{at(48.8501, 2.35, now + second_us)}));

  open_module();  // bob's last point was saved by stop()
  const auto restored = module->online(ada);
  ASSERT_TRUE(restored);
  EXPECT_DOUBLE_EQ(restored->position.point.lat, 52.5201);
  EXPECT_EQ(restored->position.at_us, now + second_us);
  EXPECT_DOUBLE_EQ(module->online(bob)->position.point.lat, 48.8501);
  // Not heard from since the restart: on shift, not dispatchable.
  EXPECT_TRUE(module->available().empty());
  EXPECT_EQ(service().profile(ada)->presence, Presence::suspect);
  // A stale resend of the saved point is a duplicate; the next one is taken.
  auto report = service().ingest(
      ada, std::vector<Position>{at(52.5201, 13.40, now + second_us),
                                 at(52.5202, 13.40, clock.now_us() + 2 * second_us)});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->accepted, 1);
  EXPECT_EQ(report->dropped, 1);
  EXPECT_EQ(module->available().size(), 1u);
}

TEST_P(DriversServiceTest, KeepsLearnedSpeedsAcrossARestart) {
  put_online(ada, Vehicle::scooter);
  const auto now = clock.now_us();
  // A scooter crawling north at 3 m/s (30 m every 10 s) through the 09:00 rush.
  std::vector<Position> crawl;
  for (int i = 0; i < 20; ++i)
    crawl.push_back(at(48.85 + i * 0.00027, 2.35, now - (20 - i) * 10 * second_us));
  ASSERT_TRUE(service().ingest(ada, crawl));
  const modules::geo::Point from{48.851, 2.35};
  const modules::geo::Point to{48.853, 2.35};
  const double table_s = module->road_distance_m(from, to) / default_speed_mps(Vehicle::scooter, 9);
  const double learned_s = module->travel_seconds(from, to, Vehicle::scooter, now);
  ASSERT_GT(learned_s, table_s * 1.2) << "nothing was learned from the crawl";

  open_module();  // stop() saved the learned cells; the new module reads them back
  EXPECT_NEAR(module->travel_seconds(from, to, Vehicle::scooter, now), learned_s, learned_s * 1e-5);
  // Another zone and another hour still predict from the table.
  EXPECT_DOUBLE_EQ(module->travel_seconds(from, to, Vehicle::scooter, now + 3 * 3600 * second_us),
                   module->road_distance_m(from, to) / default_speed_mps(Vehicle::scooter, 12));
  auto saved_again = service().save_travel_cells();
  ASSERT_TRUE(saved_again);
  EXPECT_EQ(*saved_again, 0U) << "restored cells were written back unchanged";
}

TEST_P(DriversServiceTest, GoingOfflineSavesTheLastPoint) {
  put_online(ada);
  ASSERT_TRUE(service().ingest(ada, std::vector<Position>{at(52.52, 13.40, clock.now_us())}));
  auto offline = service().set_shift(ada, false);
  ASSERT_TRUE(offline);
  ASSERT_TRUE(offline->position);
  EXPECT_DOUBLE_EQ(offline->position->point.lat, 52.52);
  EXPECT_TRUE(module->recent_track(ada).empty());
}

TEST_P(DriversServiceTest, ListsCouriersForAdminsPageByPage) {
  for (const auto& id : {cyd, ada, bob}) ASSERT_TRUE(service().put_profile(id, {}));
  put_online(bob);
  auto first = service().list(std::nullopt, 2);
  ASSERT_TRUE(first) << first.error().detail;
  ASSERT_EQ(first->drivers.size(), 2u);
  EXPECT_EQ(first->drivers[0].profile.driver_id, ada);
  EXPECT_EQ(first->drivers[1].profile.driver_id, bob);
  EXPECT_EQ(first->drivers[1].presence, Presence::suspect);
  ASSERT_TRUE(first->next_cursor);
  auto second = service().list(first->next_cursor, 2);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->drivers.size(), 1u);
  EXPECT_EQ(second->drivers[0].profile.driver_id, cyd);
  EXPECT_FALSE(second->next_cursor);
}

TEST_P(DriversServiceTest, ForgetsAnErasedCourier) {
  put_online(ada);
  ASSERT_TRUE(service().ingest(ada, std::vector<Position>{at(52.52, 13.40, clock.now_us())}));
  ASSERT_TRUE(service().save_positions());
  publish(identity::events::user_erased, ada,
          boost::json::serialize(boost::json::object{{"user_id", ada}}));
  EXPECT_FALSE(module->online(ada));
  EXPECT_EQ(service().profile(ada).error().code, ErrorCode::not_found);
  open_module();
  EXPECT_FALSE(module->online(ada));
}

INSTANTIATE_TEST_SUITE_P(Engines, DriversServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::drivers::testing

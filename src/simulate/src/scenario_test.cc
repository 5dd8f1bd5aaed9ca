// The scenario reader: the shipped scenarios load, and a mistake is refused naming its key.
#include "scenario.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

namespace reskflow::simulate {
namespace {

std::string shipped(const std::string& name) {
  const char* root = std::getenv("RESKFLOW_SOURCE_DIR");
  return std::string(root != nullptr ? root : ".") + "/scenarios/" + name;
}

TEST(ScenarioTest, LoadsTheShippedScenarios) {
  const auto demo = load_scenario(shipped("demo.json"));
  ASSERT_TRUE(demo) << demo.error();
  EXPECT_EQ(demo->name, "demo");
  // make run's city: the seeded stores, played through their owners' documented accounts.
  EXPECT_EQ(demo->merchants.count, 0U);
  ASSERT_EQ(demo->merchants.existing.owners.size(), 2U);
  EXPECT_EQ(demo->merchants.existing.owners[0].email, "owner@demo.reskflow.example");
  EXPECT_GT(demo->merchants.existing.answer_after_real_s, 0);
  const auto peak = load_scenario(shipped("peak-hour.json"));
  ASSERT_TRUE(peak) << peak.error();
  EXPECT_GE(peak->couriers.count, 35000U);
}

TEST(ScenarioTest, FillsWhatIsMissingWithTheDefaults) {
  const auto s = parse_scenario(R"({"customers": 5, "orders": {"time_compression": 20}})");
  ASSERT_TRUE(s) << s.error();
  EXPECT_EQ(s->customers, 5U);
  EXPECT_EQ(s->orders.time_compression, 20);
  EXPECT_EQ(s->merchants.count, Scenario{}.merchants.count);
}

TEST(ScenarioTest, RefusesAnUnknownKeyNamingIt) {
  const auto s = parse_scenario(R"({"orders": {"per_hour": 10}})");
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error(), "orders.per_hour is not a known key");
}

TEST(ScenarioTest, RefusesAValueOutOfRange) {
  const auto share = parse_scenario(R"({"behaviour": {"rate": 1.5}})");
  ASSERT_FALSE(share);
  EXPECT_EQ(share.error(), "behaviour.rate must be from 0 to 1");
  const auto curve = parse_scenario(R"({"orders": {"curve": [1, 2, 3]}})");
  ASSERT_FALSE(curve);
  EXPECT_EQ(curve.error(), "orders.curve must have 24 hourly weights");
  const auto spread = parse_scenario(R"({"merchants": {"prep_minutes": {"min": 9, "max": 3}}})");
  ASSERT_FALSE(spread);
  EXPECT_EQ(spread.error(), "merchants.prep_minutes has min above max");
  EXPECT_FALSE(parse_scenario(R"({"couriers": {"count": 0}})"));
  EXPECT_FALSE(parse_scenario("[1]"));
}

TEST(ScenarioTest, ReadsGroupScheduledShiftAndOperatorKnobs) {
  const auto s = parse_scenario(R"({
    "couriers": {"shift_hours": {"mean": 2, "sd": 0.5, "min": 1, "max": 3},
                 "break_minutes": {"mean": 15, "sd": 5, "min": 5, "max": 30}},
    "orders": {"group_guests_max": 4,
               "schedule_ahead_minutes": {"mean": 90, "sd": 30, "min": 30, "max": 180}},
    "behaviour": {"group": 0.2, "scheduled": 0.1},
    "operator": {"poll_interval_s": 30}})");
  ASSERT_TRUE(s) << s.error();
  EXPECT_EQ(s->couriers.shift_hours.mean, 2);
  EXPECT_EQ(s->couriers.break_minutes.max, 30);
  EXPECT_EQ(s->orders.group_guests_max, 4U);
  EXPECT_EQ(s->orders.schedule_ahead_minutes.min, 30);
  EXPECT_EQ(s->behaviour.group, 0.2);
  EXPECT_EQ(s->behaviour.scheduled, 0.1);
  EXPECT_EQ(s->operator_.poll_interval_s, 30);
  const auto no_guest = parse_scenario(R"({"orders": {"group_guests_max": 0}})");
  ASSERT_FALSE(no_guest);
  EXPECT_EQ(no_guest.error(), "orders.group_guests_max must be at least 1");
  const auto endless = parse_scenario(R"({"operator": {"poll_s": 30}})");
  ASSERT_FALSE(endless);
  EXPECT_EQ(endless.error(), "operator.poll_s is not a known key");
}

TEST(ScenarioTest, ReadsExistingStoresOwners) {
  const auto s = parse_scenario(R"({"merchants": {"count": 0, "existing": {
    "owners": [{"email": "a@example.com", "password": "pw one"}], "answer_after_real_s": 12}}})");
  ASSERT_TRUE(s) << s.error();
  ASSERT_EQ(s->merchants.existing.owners.size(), 1U);
  EXPECT_EQ(s->merchants.existing.owners[0].password, "pw one");
  EXPECT_EQ(s->merchants.existing.answer_after_real_s, 12);
  const auto nobody = parse_scenario(R"({"merchants": {"count": 0}})");
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error(),
            "merchants.count must be at least 1 (or merchants.existing.owners name some)");
  const auto no_password =
      parse_scenario(R"({"merchants": {"existing": {"owners": [{"email": "a@example.com"}]}}})");
  ASSERT_FALSE(no_password);
  EXPECT_EQ(no_password.error(), "merchants.existing.owners[0] needs an email and a password");
  const auto typo = parse_scenario(
      R"({"merchants": {"existing": {"owners": [{"email": "a@example.com", "pass": "x"}]}}})");
  ASSERT_FALSE(typo);
  EXPECT_EQ(typo.error(), "merchants.existing.owners[0].pass is not a known key");
}

}  // namespace
}  // namespace reskflow::simulate

// Cold-chain readings on both engines: the known-answer sequence (minutes out of range, exactly
// one event and one alert per excursion, duplicates and late readings included), who may post,
// what is refused, and sensor device keys.
#include "test_fixture.h"

namespace reskflow::proofs::testing {
namespace {

constexpr std::int64_t second_us = 1'000'000;

class ProofsTemperatureTest : public ProofsFixture {
 protected:
  Result<ReadingsOutcome> post(const std::vector<std::pair<std::int64_t, double>>& seconds_celsius,
                               const std::string& delivery_id = cold,
                               const ReadingSource& from = {dave, "courier"}) {
    std::vector<Reading> readings;
    for (const auto& [second, celsius] : seconds_celsius)
      readings.push_back({start_us + second * second_us, celsius});
    return service().add_readings(from, delivery_id, readings);
  }

  const std::int64_t start_us = clock.now_us() - 20 * minute_us;
};

TEST_P(ProofsTemperatureTest, KnownAnswerMinutesOutOfRangeAndOneEventPerExcursion) {
  auto staff = std::make_shared<RecordingPeer>();
  auto admin = std::make_shared<RecordingPeer>();
  ASSERT_TRUE(subscribe(staff, "cold_chain." + luigi, "Bearer merchant:" + mia));
  ASSERT_TRUE(subscribe(admin, "cold_chain", "Bearer admin:admin-1"));
  // The range is 2..8 °C. The first excursion starts at 120 s.
  auto first = post({{0, 4}, {60, 5}, {120, 9}, {180, 10}});
  ASSERT_TRUE(first) << first.error().detail;
  EXPECT_EQ(first->accepted, 4);
  ASSERT_EQ(first->alerted.size(), 1U);
  EXPECT_EQ(first->alerted[0].measured_at_us, start_us + 120 * second_us);
  // Back in range, then the second excursion at 360 s; 180 s is sent again (a retry).
  auto second = post({{180, 10}, {240, 7}, {300, 8}, {360, 12}, {420, 1}});
  ASSERT_TRUE(second) << second.error().detail;
  EXPECT_EQ(second->accepted, 4);
  EXPECT_EQ(second->duplicates, 1);
  EXPECT_EQ(second->alerted.size(), 1U);
  // A late reading inside the first excursion starts nothing; 540 s starts the third.
  auto third = post({{480, 3.5}, {150, 9.9}, {540, 9.5}});
  ASSERT_TRUE(third) << third.error().detail;
  ASSERT_EQ(third->alerted.size(), 1U);
  EXPECT_DOUBLE_EQ(third->alerted[0].celsius, 9.5);

  // Out 120..240 s and 360..480 s (each reading holds until the next): 240 s, 4 minutes.
  const auto report = service().temperature(as("customer", ada), cold);
  ASSERT_TRUE(report) << report.error().detail;
  EXPECT_EQ(report->summary.readings, 11);
  EXPECT_EQ(report->summary.out_of_range_s, 240);
  EXPECT_EQ(report->summary.excursions, 3);
  EXPECT_DOUBLE_EQ(*report->summary.min_c, 1);
  EXPECT_DOUBLE_EQ(*report->summary.max_c, 12);
  EXPECT_FALSE(report->summary.compliant());

  const auto published = excursion_events();
  ASSERT_EQ(published.size(), 3U);
  EXPECT_EQ(published[0].measured_at_us, start_us + 120 * second_us);
  EXPECT_EQ(published[1].measured_at_us, start_us + 360 * second_us);
  EXPECT_EQ(published[2].measured_at_us, start_us + 540 * second_us);
  EXPECT_EQ(published[1].merchant_id, luigi);
  EXPECT_EQ(published[1].order_id, "order-01");
  EXPECT_EQ(published[1].driver_id, dave);
  EXPECT_DOUBLE_EQ(published[1].min_c, 2);
  EXPECT_DOUBLE_EQ(published[1].max_c, 8);
  EXPECT_EQ(staff->messages().size(), 3U);
  ASSERT_EQ(admin->messages().size(), 3U);
  const auto alert = boost::json::parse(admin->messages()[1]).as_object();
  EXPECT_EQ(alert.at("topic").as_string(), "cold_chain");
  EXPECT_EQ(alert.at("data").at("type").as_string(), "proofs.temperature.excursion");
  EXPECT_DOUBLE_EQ(alert.at("data").at("celsius").to_number<double>(), 12);
}

TEST_P(ProofsTemperatureTest, AlertTopicsAreForTheMerchantsStaffAndAdmins) {
  auto peer = std::make_shared<RecordingPeer>();
  EXPECT_EQ(subscribe(peer, "cold_chain." + luigi, "Bearer merchant:" + wendy).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(subscribe(peer, "cold_chain." + luigi, "Bearer customer:" + ada).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(subscribe(peer, "cold_chain", "Bearer merchant:" + mia).error().code,
            ErrorCode::not_found);
  EXPECT_TRUE(subscribe(peer, "cold_chain." + luigi, "Bearer admin:admin-1"));
}

TEST_P(ProofsTemperatureTest, ADeliveryWithoutAColdChainTakesNoReadings) {
  const auto refused = post({{0, 4}}, plain);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
  EXPECT_NE(refused.error().detail.find("not a cold-chain delivery"), std::string::npos);
  EXPECT_EQ(service().temperature(as("customer", ada), plain).error().code, ErrorCode::conflict);
}

TEST_P(ProofsTemperatureTest, RefusesImplausibleAndMisdatedReadingsNamingEach) {
  const auto future_s = 20 * 60 + 6 * 60;  // six minutes ahead of the clock
  const auto refused = post({{0, 1e9}, {60, 4}, {future_s, 4}, {-20 * 60, 4}});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  std::vector<std::string> fields;
  for (const auto& f : refused.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"readings[0].celsius", "readings[2].measured_at",
                                              "readings[3].measured_at"}));
  EXPECT_EQ(service().temperature(as("admin", "a"), cold)->summary.readings, 0);
}

TEST_P(ProofsTemperatureTest, OnlyTheCourierPostsAndOnlyWhileTheDeliveryIsTheirs) {
  EXPECT_EQ(post({{0, 4}}, cold, {erin, "courier"}).error().code, ErrorCode::not_found);
  deliveries.set_status(cold, deliveries::status_assigned);  // the cold chain starts here
  EXPECT_TRUE(post({{0, 4}}));
  deliveries.set_status(cold, deliveries::status_delivered, clock.now_us() - 11 * minute_us);
  EXPECT_EQ(post({{60, 4}}).error().code, ErrorCode::conflict);
  deliveries.assign(cold, erin);
  EXPECT_EQ(post({{60, 4}}).error().code, ErrorCode::not_found);
  EXPECT_EQ(service().temperature(as("driver", dave), cold).error().code, ErrorCode::not_found);
  EXPECT_TRUE(service().temperature(as("merchant", mia), cold));
  EXPECT_EQ(service().temperature(as("merchant", wendy), cold).error().code, ErrorCode::not_found);
}

TEST_P(ProofsTemperatureTest, KeepsAtMostTheReadingsLimitPerDelivery) {
  ProofsSettings settings;
  settings.readings_per_delivery_max = 10;
  ProofsMetrics metrics(registry());
  modules::FilesystemFileStore store(files.path());
  Service limited(db(), deliveries, directory, store, settings, metrics, clock.clock());
  const auto post_to_limited = [&](std::initializer_list<std::int64_t> seconds) {
    std::vector<Reading> readings;
    for (const auto s : seconds) readings.push_back({start_us + s * second_us, 4});
    return limited.add_readings({dave, "courier"}, cold, readings);
  };
  ASSERT_TRUE(post_to_limited({0, 10, 20, 30, 40, 50, 60, 70}));
  const auto over = post_to_limited({80, 90, 100});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, ErrorCode::conflict);
  EXPECT_NE(over.error().detail.find("at most 10"), std::string::npos);
  EXPECT_EQ(limited.temperature(as("admin", "a"), cold)->summary.readings, 8);
  EXPECT_TRUE(post_to_limited({80, 90}));
}

TEST_P(ProofsTemperatureTest, ADeviceKeyWorksUntilRevokedAndIsStoredOnlyHashed) {
  std::vector<std::string> audited;
  const DeviceAudit audit = [&audited](store::Transaction&, std::string_view action,
                                       const Device& d) {
    audited.push_back(std::string(action) + " " + d.name);
    return Status{};
  };
  auto issued = service().issue_device(dave, "Van 7 sensor", audit);
  ASSERT_TRUE(issued) << issued.error().detail;
  EXPECT_TRUE(issued->key.starts_with("rfdev_"));
  EXPECT_EQ(issued->key.size(), 6U + 64U);
  auto stored = db().read(
      [](store::Transaction& tx) { return tx.query("SELECT key_hash FROM proofs_devices"); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->front().text(0), sha256_hex(issued->key));
  const auto device = service().device_of_key(issued->key);
  ASSERT_TRUE(device);
  EXPECT_EQ(device->driver_id, dave);
  EXPECT_TRUE(post({{0, 4}}, cold, {device->driver_id, "device:" + device->id}));
  ASSERT_TRUE(service().revoke_device(device->id, audit));
  EXPECT_EQ(service().device_of_key(issued->key).error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(service().revoke_device(device->id, audit).error().code, ErrorCode::not_found);
  EXPECT_EQ(service().device_of_key("rfdev_guess").error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(service().device_of_key("").error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(audited, (std::vector<std::string>{"admin.device_issued Van 7 sensor",
                                               "admin.device_revoked Van 7 sensor"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, ProofsTemperatureTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::proofs::testing

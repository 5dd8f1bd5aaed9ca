// The tracking message's text, rendered by hand, against what the serializer makes of the same
// fields.
#include "document.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "reskflow/core/json_text.h"
#include "reskflow/modules/utc_time.h"

namespace reskflow::deliveries {
namespace {

DeliveryRecord under_way() {
  DeliveryRecord r;
  r.delivery.id = "0190f3a2-7c4e-7d1a-9b2f-3c4d5e6f7a8b";
  r.delivery.status = "picked_up";
  return r;
}

// What json::serialize renders for the fields tracking_text writes.
std::string serialized(const DeliveryRecord& r, const std::optional<PathPoint>& position) {
  const auto time = [](const std::optional<std::int64_t>& us) {
    return us ? boost::json::value(modules::iso_utc(*us)) : boost::json::value(nullptr);
  };
  boost::json::object out{{"delivery_id", r.id()},
                          {"status", r.status()},
                          {"pickup_eta", time(r.pickup_eta_us)},
                          {"dropoff_eta", time(r.dropoff_eta_us)}};
  if (position) {
    out["position"] = {{"lat", position->point.lat}, {"lng", position->point.lng}};
    out["at"] = modules::iso_utc(position->at_us);
  }
  return json::serialize(out);
}

TEST(TrackingText, StatusWithoutEtasRendersNulls) {
  const auto r = under_way();
  EXPECT_EQ(tracking_text(r, std::nullopt),
            R"({"delivery_id":"0190f3a2-7c4e-7d1a-9b2f-3c4d5e6f7a8b","status":"picked_up",)"
            R"("pickup_eta":null,"dropoff_eta":null})");
}

TEST(TrackingText, PositionMatchesTheSerializerByteForByte) {
  auto r = under_way();
  r.pickup_eta_us = 1'796'636'147'000'000;
  r.dropoff_eta_us = 1'796'636'447'123'456;
  const PathPoint point{1'796'636'100'250'000, {48.8566, 2.0}};
  const auto text = tracking_text(r, point);
  EXPECT_EQ(text, serialized(r, point));
  EXPECT_NE(text.find(R"("position":{"lat":48.8566,"lng":2.0},"at":"2026-12-07T)"),
            std::string::npos)
      << text;
}

TEST(TrackingText, EscapesAnIdThatNeedsIt) {
  auto r = under_way();
  r.delivery.id = "a\"b\\c\n";
  const auto text = tracking_text(r, std::nullopt);
  EXPECT_EQ(text, serialized(r, std::nullopt));
  EXPECT_EQ(boost::json::parse(text).at("delivery_id").as_string(), "a\"b\\c\n");
}

}  // namespace
}  // namespace reskflow::deliveries

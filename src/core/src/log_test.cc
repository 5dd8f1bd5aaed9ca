// Log lines are JSON with the request id, and secrets never reach them.
#include "reskflow/core/log.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace reskflow::log {
namespace {

TEST(Log, RendersJsonWithRequestIdAndFields) {
  const auto line = render(Level::info, "order_placed", {{"order_id", "o1"}, {"items", 3}}, "r-1");
  const auto v = boost::json::parse(line).as_object();
  EXPECT_EQ(v.at("event").as_string(), "order_placed");
  EXPECT_EQ(v.at("level").as_string(), "info");
  EXPECT_EQ(v.at("request_id").as_string(), "r-1");
  EXPECT_EQ(v.at("items").as_int64(), 3);
  EXPECT_TRUE(v.at("time").as_string().ends_with("Z"));
}

TEST(Log, RedactsSecretLookingKeys) {
  const auto line = render(Level::warn, "login",
                           {{"password", "hunter2hunter2"},
                            {"refresh_token", "abc"},
                            {"Authorization", "Bearer x"},
                            {"email_hash", "ok"}},
                           "");
  EXPECT_EQ(line.find("hunter2"), std::string::npos);
  EXPECT_EQ(line.find("Bearer"), std::string::npos);
  EXPECT_EQ(line.find("\"abc\""), std::string::npos);
  EXPECT_NE(line.find("\"ok\""), std::string::npos);
}

TEST(Log, ParsesLevels) {
  Level l{};
  EXPECT_TRUE(parse_level("warn", l));
  EXPECT_EQ(l, Level::warn);
  EXPECT_FALSE(parse_level("loud", l));
}

}  // namespace
}  // namespace reskflow::log

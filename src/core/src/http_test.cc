// Path and query decoding (what reaches the router is well-formed UTF-8 with no hidden slashes)
// and problem+json rendering.
#include "reskflow/core/http.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace reskflow::http {
namespace {

TEST(DecodePath, DecodesEscapesAndRejectsMalformedOnes) {
  std::string out;
  EXPECT_TRUE(decode_path("/v1/merchants/caf%C3%A9", out));
  EXPECT_EQ(out, "/v1/merchants/café");
  EXPECT_FALSE(decode_path("/v1/x%zz", out));
  EXPECT_FALSE(decode_path("/v1/x%4", out));
  EXPECT_FALSE(decode_path("/v1/x%00y", out));
}

TEST(DecodePath, RejectsEncodedSlashesAndInvalidUtf8) {
  std::string out;
  EXPECT_FALSE(decode_path("/v1/orders/a%2Fb", out));
  EXPECT_FALSE(decode_path("/v1/orders/a%2fb", out));
  EXPECT_FALSE(decode_path("/%FF", out));
  EXPECT_FALSE(decode_path("/%C0%AF", out));       // overlong '/'
  EXPECT_FALSE(decode_path("/%ED%A0%80", out));    // surrogate
  EXPECT_FALSE(decode_path("/%E2%82", out));       // truncated
  EXPECT_TRUE(decode_path("/%F0%9F%8D%95", out));  // 🍕
}

TEST(ParseQuery, DecodesPlusAndPercentAndKeepsOrder) {
  std::vector<std::pair<std::string, std::string>> q;
  ASSERT_TRUE(parse_query("q=thai+food&cuisine=thai&cuisine=vegan&flag", q));
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].second, "thai food");
  EXPECT_EQ(q[2].second, "vegan");
  EXPECT_EQ(q[3].first, "flag");
  EXPECT_FALSE(parse_query("q=%FF", q));
}

TEST(Problem, ListsAtMostFiftyFieldErrorsAndSaysHowManyThereWere) {
  Error error{ErrorCode::validation_failed, "some fields are invalid", {}};
  for (int i = 0; i < 1000; ++i) error.fields.push_back({"f" + std::to_string(i), "is wrong"});
  const auto r = problem(error, "req-1", "/v1/items");
  const auto body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("errors").as_array().size(), field_errors_max);
  EXPECT_EQ(body.at("errors").as_array().back().at("field").as_string(), "f49");
  EXPECT_EQ(body.at("detail").as_string(),
            "some fields are invalid (the first 50 of 1000 field errors are listed)");
}

TEST(Problem, ListsAFewFieldErrorsAsTheyAre) {
  const Error error{ErrorCode::validation_failed, "bad", {{"name", "is required"}}};
  const auto body = boost::json::parse(problem(error, "", "").body).as_object();
  EXPECT_EQ(body.at("detail").as_string(), "bad");
  EXPECT_EQ(body.at("errors").as_array().size(), 1u);
}

}  // namespace
}  // namespace reskflow::http

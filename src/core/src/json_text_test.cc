// json::serialize: doubles as the shortest decimal that reads back the same, the rest as
// Boost.JSON writes it.
#include "reskflow/core/json_text.h"

#include <gtest/gtest.h>

#include <bit>
#include <boost/json.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

namespace reskflow::json {
namespace {

TEST(JsonText, WritesCoordinatesAndDurationsAsDecimals) {
  EXPECT_EQ(json::serialize(boost::json::object{{"lat", 52.526781}, {"lng", 13.405}}),
            R"({"lat":52.526781,"lng":13.405})");
  EXPECT_EQ(json::serialize(boost::json::value(20.696453821)), "20.696453821");
  EXPECT_EQ(json::serialize(boost::json::value(0.1)), "0.1");
  EXPECT_EQ(json::serialize(boost::json::value(-1.5)), "-1.5");
}

TEST(JsonText, KeepsIntegralDoublesDoubles) {
  EXPECT_EQ(json::serialize(boost::json::value(3.0)), "3.0");
  EXPECT_EQ(json::serialize(boost::json::value(-0.0)), "-0.0");
  EXPECT_EQ(json::serialize(boost::json::value(0.0)), "0.0");
  EXPECT_TRUE(boost::json::parse(json::serialize(boost::json::value(3.0))).is_double());
}

TEST(JsonText, WritesExtremesInTheShortestForm) {
  EXPECT_EQ(json::serialize(boost::json::value(1e21)), "1e+21");
  EXPECT_EQ(json::serialize(boost::json::value(1e-7)), "1e-07");
  EXPECT_EQ(json::serialize(boost::json::value(std::numeric_limits<double>::max())),
            "1.7976931348623157e+308");
  EXPECT_EQ(json::serialize(boost::json::value(std::numeric_limits<double>::denorm_min())),
            "5e-324");
  EXPECT_EQ(json::serialize(boost::json::value(123456789.125)), "123456789.125");
}

TEST(JsonText, WritesWhatJsonCannotExpressAsNull) {
  EXPECT_EQ(
      json::serialize(boost::json::array{std::numeric_limits<double>::infinity(),
                                         -std::numeric_limits<double>::infinity(), std::nan("")}),
      "[null,null,null]");
}

TEST(JsonText, LeavesIntegersAsTheyAre) {
  EXPECT_EQ(json::serialize(boost::json::array{0, -1, std::numeric_limits<std::int64_t>::min(),
                                               std::numeric_limits<std::int64_t>::max(),
                                               std::numeric_limits<std::uint64_t>::max()}),
            "[0,-1,-9223372036854775808,9223372036854775807,18446744073709551615]");
}

TEST(JsonText, WritesEveryKindLikeBoost) {
  const boost::json::value doc = {
      {"null", nullptr},
      {"flags", {true, false}},
      {"nested", {{"empty_object", boost::json::object{}}, {"empty_array", boost::json::array{}}}},
      {"text", "plain"}};
  EXPECT_EQ(json::serialize(doc),
            R"({"null":null,"flags":[true,false],)"
            R"("nested":{"empty_object":{},"empty_array":[]},"text":"plain"})");
}

TEST(JsonText, EscapesStringsLikeBoost) {
  std::string all_ascii;
  for (int c = 0; c < 0x80; ++c) all_ascii.push_back(static_cast<char>(c));
  const auto text = json::serialize(boost::json::value(all_ascii + "\xC3\xA9"));
  EXPECT_EQ(text,
            R"("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f)"
            R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c)"
            R"(\u001d\u001e\u001f !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\])"
            "^_`abcdefghijklmnopqrstuvwxyz{|}~\x7F\xC3\xA9\"");
  EXPECT_EQ(boost::json::parse(text).as_string(), all_ascii + "\xC3\xA9");
  EXPECT_EQ(json::serialize(boost::json::object{{"a\"b", 1}}), R"({"a\"b":1})");
}

TEST(JsonText, EveryFiniteDoubleReadsBackBitForBit) {
  const auto seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> coordinate(-180.0, 180.0);
  for (int i = 0; i < 200'000; ++i) {
    // Half random bit patterns (every magnitude and subnormals), half everyday values.
    const double d = i % 2 == 0 ? std::bit_cast<double>(rng()) : coordinate(rng);
    if (!std::isfinite(d)) continue;
    const auto text = json::serialize(boost::json::value(d));
    // A correctly rounding reader (std::from_chars, like JavaScript's) gets the same bits back.
    double back = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), back);
    ASSERT_TRUE(ec == std::errc{} && end == text.data() + text.size()) << text;
    ASSERT_EQ(std::bit_cast<std::uint64_t>(back), std::bit_cast<std::uint64_t>(d)) << text;
    ASSERT_TRUE(boost::json::parse(text).is_double()) << text;
  }
}

TEST(JsonText, DocumentsReadBackEqual) {
  const boost::json::value doc = {
      {"merchants",
       {{{"id", "m-1"}, {"lat", 52.526781}, {"rating", 4.25}, {"count", 17}},
        {{"id", "m-2"}, {"lat", -33.8688}, {"rating", nullptr}, {"count", 0}}}},
      {"uptime_seconds", 20.696453821}};
  EXPECT_EQ(boost::json::parse(json::serialize(doc)), doc);
  std::string appended = "prefix:";
  json::serialize_to(appended, doc);
  EXPECT_EQ(appended, "prefix:" + json::serialize(doc));
}

}  // namespace
}  // namespace reskflow::json

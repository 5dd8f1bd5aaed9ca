// Body parsing and the field-level validation users see in problem+json "errors".
#include "reskflow/core/json_body.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace reskflow::json {
namespace {

http::Request json_request(std::string body, std::string type = "application/json") {
  http::Request r;
  r.headers.emplace_back("Content-Type", std::move(type));
  r.body = std::move(body);
  return r;
}

TEST(ParseObject, RequiresJsonContentType) {
  auto r = parse_object(json_request("{}", "text/plain"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::unsupported_media_type);
  EXPECT_TRUE(parse_object(json_request("{}", "application/json; charset=utf-8")));
}

TEST(ParseObject, ReportsSyntaxErrorsAsBadRequest) {
  auto r = parse_object(json_request(R"({"a": )"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::bad_request);
  EXPECT_NE(r.error().detail.find("not valid JSON"), std::string::npos);
}

TEST(ParseObject, RejectsNonObjectsAndDeepNesting) {
  EXPECT_EQ(parse_object(json_request("[1,2]")).error().code, ErrorCode::validation_failed);
  EXPECT_EQ(parse_object(json_request(std::string(100, '[') + std::string(100, ']'))).error().code,
            ErrorCode::bad_request);
}

TEST(ObjectReader, CollectsEveryFieldErrorWithItsPath) {
  auto body = parse_object(
      json_request(R"({"name":"","age":-3,"email":5,"extra":true,"address":{"zip":12}})"));
  ASSERT_TRUE(body);
  ObjectReader reader(*body);
  EXPECT_FALSE(reader.string("name", {.required = true, .min_chars = 1, .max_chars = 10}));
  EXPECT_FALSE(reader.integer("age", {.required = true, .min = 0, .max = 150}));
  EXPECT_FALSE(reader.string("email"));
  EXPECT_FALSE(reader.string("phone"));
  if (const auto* address = reader.object("address")) {
    ObjectReader nested(*address, reader.path("address"));
    nested.string("zip");
    reader.absorb(nested);
  }
  const auto status = reader.finish();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::validation_failed);
  std::vector<std::string> fields;
  for (const auto& f : status.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"name", "age", "email", "phone", "address.zip", "extra"}));
}

TEST(ObjectReader, AcceptsValidValuesAndEnumerations) {
  auto body = parse_object(json_request(R"({"role":"driver","count":3,"ratio":0.5,"on":false})"));
  ASSERT_TRUE(body);
  ObjectReader reader(*body);
  EXPECT_EQ(reader.one_of("role", {"customer", "driver"}), "driver");
  EXPECT_EQ(reader.integer("count"), 3);
  EXPECT_EQ(reader.number("ratio"), 0.5);
  EXPECT_EQ(reader.boolean("on"), false);
  EXPECT_TRUE(reader.finish());
}

TEST(ObjectReader, CountsCharactersNotBytes) {
  auto body = parse_object(json_request(R"({"name":"Zoë"})"));
  ASSERT_TRUE(body);
  ObjectReader reader(*body);
  EXPECT_EQ(reader.string("name", {.required = true, .min_chars = 3, .max_chars = 3}), "Zoë");
  EXPECT_TRUE(reader.finish());
}

TEST(ObjectReader, KeepsTheFirstFiftyFieldErrorsAndCountsTheRest) {
  boost::json::object body;
  for (int i = 0; i < 20'000; ++i) body["unknown_" + std::to_string(i)] = i;
  ObjectReader reader(body);
  const auto status = reader.finish();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().fields.size(), field_errors_max);
  EXPECT_EQ(status.error().detail,
            "some fields are invalid; see errors (the first 50 of 20000 field errors are listed)");
}

TEST(ObjectReader, CountsTheErrorsANestedReaderLeftOut) {
  boost::json::object inner;
  for (int i = 0; i < 60; ++i) inner["k" + std::to_string(i)] = i;
  const boost::json::object body{{"inner", inner}, {"stray", 1}};
  ObjectReader reader(body);
  ObjectReader nested(*reader.object("inner"), reader.path("inner"));
  ASSERT_FALSE(nested.finish());
  const auto status = reader.finish();
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().fields.size(), 1u);
  EXPECT_EQ(status.error().fields[0].field, "stray");
}

TEST(ObjectReader, RefusesControlCharactersInSingleLineText) {
  for (const std::string& bad :
       {std::string("tea\0cake", 8), std::string("tea\ncake"), std::string("tea\tcake"),
        std::string("tea\x7F"), std::string("tea\x1B[31m"), std::string("tea\xC2\x85")}) {
    const boost::json::object body{{"name", bad}};
    ObjectReader reader(body);
    EXPECT_FALSE(reader.string("name")) << bad;
    const auto status = reader.finish();
    ASSERT_FALSE(status) << bad;
    ASSERT_EQ(status.error().fields.size(), 1u);
    EXPECT_EQ(status.error().fields[0].field, "name");
    EXPECT_TRUE(status.error().fields[0].message.starts_with("must be one line"))
        << status.error().fields[0].message;
  }
  const boost::json::object nul{{"name", std::string("a\0", 2)}};
  ObjectReader reader(nul);
  reader.string("name");
  EXPECT_EQ(reader.finish().error().fields[0].message,
            "must be one line without control characters (U+0000 found)");
}

TEST(ObjectReader, LetsMultiLineTextHoldLineBreaksAndTabsOnly) {
  const StringRule multiline{.required = true, .min_chars = 0, .max_chars = 100, .multiline = true};
  const boost::json::object body{{"description", "Line one\r\nLine two\n\tindented"},
                                 {"comment", std::string("a\0b", 3)}};
  ObjectReader reader(body);
  EXPECT_EQ(reader.string("description", multiline), "Line one\r\nLine two\n\tindented");
  EXPECT_FALSE(reader.string("comment", multiline));
  const auto status = reader.finish();
  ASSERT_FALSE(status);
  ASSERT_EQ(status.error().fields.size(), 1u);
  EXPECT_EQ(status.error().fields[0].field, "comment");
}

TEST(ObjectReader, KeepsPrintableUnicodeInNames) {
  const boost::json::object body{{"name", "Café Zoë — 寿司 🍣"}};
  ObjectReader reader(body);
  EXPECT_EQ(reader.string("name"), "Café Zoë — 寿司 🍣");
  EXPECT_TRUE(reader.finish());
}

}  // namespace
}  // namespace reskflow::json

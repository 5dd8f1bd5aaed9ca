// traceparent parsing against the W3C Trace Context examples and malformed forms, and the
// thread's current span as log lines and outgoing calls see it.
#include "reskflow/core/trace.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "reskflow/core/log.h"

namespace reskflow::trace {
namespace {

constexpr std::string_view spec_example = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

TEST(Trace, ParsesTheSpecExample) {
  const auto span = parse_traceparent(spec_example);
  ASSERT_TRUE(span);
  EXPECT_EQ(span->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(span->span_id, "00f067aa0ba902b7");
  EXPECT_EQ(span->flags, sampled_flag);
  EXPECT_EQ(format_traceparent(*span), spec_example);
  const auto unsampled =
      parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
  ASSERT_TRUE(unsampled);
  EXPECT_EQ(unsampled->flags, 0);
}

TEST(Trace, RejectsMalformedHeaders) {
  for (std::string_view bad : {
           "",
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",       // no flags
           "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",    // uppercase
           "00-00000000000000000000000000000000-00f067aa0ba902b7-01",    // zero trace id
           "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",    // zero parent id
           "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",    // forbidden version
           "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",    // ids misplaced
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",  // v00 with extra
           "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01",    // wrong delimiter
           "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",    // flags not hex
           "0g-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",    // version not hex
           "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x",   // v>00, no dash
       }) {
    EXPECT_FALSE(parse_traceparent(bad)) << bad;
  }
}

TEST(Trace, ReadsAHigherVersionByItsPrefix) {
  const auto span =
      parse_traceparent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future");
  ASSERT_TRUE(span);
  EXPECT_EQ(span->trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
}

TEST(Trace, RequestContinuesAValidTraceAndStartsANewOneOtherwise) {
  const auto child = span_for_request(spec_example);
  EXPECT_EQ(child.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  EXPECT_EQ(child.parent_span_id, "00f067aa0ba902b7");
  EXPECT_NE(child.span_id, "00f067aa0ba902b7");
  EXPECT_EQ(child.span_id.size(), 16U);

  for (auto header : {std::optional<std::string_view>{},
                      std::optional<std::string_view>{"00-zzzz-00f067aa0ba902b7-01"}}) {
    const auto root = span_for_request(header);
    EXPECT_TRUE(parse_traceparent(format_traceparent(root)));
    EXPECT_NE(root.trace_id, child.trace_id);
    EXPECT_TRUE(root.parent_span_id.empty());
    EXPECT_EQ(root.flags, sampled_flag);
  }
}

TEST(Trace, OutgoingCallsCarryAChildOfTheCurrentSpan) {
  EXPECT_FALSE(outgoing_traceparent());
  const auto span = span_for_request(spec_example);
  const Scope scope(&span);
  const auto outgoing = parse_traceparent(outgoing_traceparent().value());
  ASSERT_TRUE(outgoing);
  EXPECT_EQ(outgoing->trace_id, span.trace_id);
  EXPECT_NE(outgoing->span_id, span.span_id);
}

TEST(Trace, LogLinesCarryTheCurrentTraceId) {
  const auto span = span_for_request(spec_example);
  {
    const Scope scope(&span);
    const auto line = boost::json::parse(log::render(log::Level::info, "e", {}, "r-1"));
    EXPECT_EQ(line.at("trace_id").as_string(), "4bf92f3577b34da6a3ce929d0e0e4736");
    EXPECT_EQ(line.at("span_id").as_string(), span.span_id);
  }
  const auto outside = boost::json::parse(log::render(log::Level::info, "e", {}, ""));
  EXPECT_FALSE(outside.as_object().contains("trace_id"));
}

}  // namespace
}  // namespace reskflow::trace

// traceparent and tracestate parsing against the W3C Trace Context examples, malformed forms and
// limits, and the thread's current span as log lines and outgoing calls see it.
#include "reskflow/core/trace.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "reskflow/core/log.h"
#include "reskflow/core/trace_client.h"

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

TEST(Trace, KeepsATracestateAsReceivedWithoutItsOptionalWhiteSpace) {
  EXPECT_EQ(parse_tracestate("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"),
            "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
  EXPECT_EQ(parse_tracestate(" rojo=00f067aa0ba902b7 ,\t,congo=t61rcWkgMzE\t"),
            "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
  EXPECT_EQ(parse_tracestate("fw529a3039@dt=ZmY,a*b/c_d-e=x y"), "fw529a3039@dt=ZmY,a*b/c_d-e=x y");
  EXPECT_EQ(parse_tracestate(""), "");
}

TEST(Trace, DropsAMalformedTracestateWhole) {
  for (std::string_view bad : {
           "rojo",           // no value
           "Rojo=1",         // uppercase key
           "rojo=1,rojo=2",  // a key twice
           "rojo=a,b",       // a comma in a value
           "rojo=a=b",       // '=' in a value
           "=1",             // no key
           "1rojo=1",        // a simple key starting with a digit
           "t@Vendor=1",     // uppercase system
           "rojo=\x7f",      // not printable
       }) {
    EXPECT_EQ(parse_tracestate(bad), "") << bad;
  }
  std::string members;
  for (int i = 0; i <= 32; ++i) members += "k" + std::to_string(i) + "=v,";
  EXPECT_EQ(parse_tracestate(members), "") << "33 members";
  members.resize(members.rfind("k32"));
  EXPECT_EQ(parse_tracestate(members), members.substr(0, members.size() - 1)) << "32 members";
}

TEST(Trace, CutsALongTracestateLongMembersFirstThenFromTheEnd) {
  const std::string long_member = "big=" + std::string(200, 'x');
  std::string header = "a=" + std::string(100, 'a') + "," + long_member;
  for (int i = 0; i < 4; ++i) header += ",m" + std::to_string(i) + "=" + std::string(100, 'm');
  const auto kept = parse_tracestate(header);
  EXPECT_LE(kept.size(), tracestate_chars_max);
  EXPECT_EQ(kept.find("big="), std::string::npos) << kept;  // the long one went first
  EXPECT_TRUE(kept.starts_with("a=")) << kept;
  EXPECT_NE(kept.find("m2="), std::string::npos) << kept;
  EXPECT_EQ(kept.find("m3="), std::string::npos) << kept;  // then from the end
}

TEST(Trace, ARequestsTracestateFollowsAValidTraceparentOnly) {
  const auto child = span_for_request(spec_example, "congo=t61rcWkgMzE");
  EXPECT_EQ(child.tracestate, "congo=t61rcWkgMzE");
  EXPECT_EQ(child_of(child).tracestate, "congo=t61rcWkgMzE");
  EXPECT_EQ(span_for_request("00-zzzz-00f067aa0ba902b7-01", "congo=t61rcWkgMzE").tracestate, "");
  EXPECT_EQ(span_for_request(spec_example, "congo").tracestate, "");
}

TEST(Trace, OutgoingCallsCarryAChildOfTheCurrentSpanAndItsTracestate) {
  EXPECT_TRUE(ClientSpan("POST", "http://example.test/").headers().empty());
  const auto span = span_for_request(spec_example, "congo=t61rcWkgMzE");
  const Scope scope(&span);
  const ClientSpan call("POST", "http://example.test/");
  const auto headers = call.headers();
  ASSERT_EQ(headers.size(), 2U);
  EXPECT_EQ(headers[0].first, "traceparent");
  const auto outgoing = parse_traceparent(headers[0].second);
  ASSERT_TRUE(outgoing);
  EXPECT_EQ(outgoing->trace_id, span.trace_id);
  EXPECT_NE(outgoing->span_id, span.span_id);
  EXPECT_EQ(headers[1].first, "tracestate");
  EXPECT_EQ(headers[1].second, "congo=t61rcWkgMzE");
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

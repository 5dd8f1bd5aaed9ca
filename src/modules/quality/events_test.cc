// quality's event payloads: what the service publishes reads back the same; a malformed one is
// refused.
#include "reskflow/quality/events.h"

#include <gtest/gtest.h>

#include "reskflow/modules/payload.h"

namespace reskflow::quality::events {
namespace {

using modules::payload::from_payload;
using modules::payload::to_payload;

TEST(QualityEventsTest, ReportOpenedReadsBack) {
  const ReportOpened opened{"r1", "o1", "c1", "m1", "missing_items", 1'795'857'000'000'000};
  const auto text = to_payload(opened);
  EXPECT_EQ(text, R"({"report_id":"r1","order_id":"o1","customer_id":"c1","merchant_id":"m1",)"
                  R"("kind":"missing_items","at":"2026-11-28T09:10:00Z"})");
  const auto read = from_payload<ReportOpened>(report_opened, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->report_id, "r1");
  EXPECT_EQ(read->kind, "missing_items");
  EXPECT_EQ(read->at_us, opened.at_us);
}

TEST(QualityEventsTest, ReportResolvedReadsBack) {
  const ReportResolved resolved{
      "r1", "o1", "c1", "m1", "late", "refund", {450, "EUR"}, "cold food", 1'795'857'000'000'000};
  const auto text = to_payload(resolved);
  EXPECT_EQ(text, R"({"report_id":"r1","order_id":"o1","customer_id":"c1","merchant_id":"m1",)"
                  R"("kind":"late","decision":"refund","refund_minor":450,"currency":"EUR",)"
                  R"("reason":"cold food","at":"2026-11-28T09:10:00Z"})");
  const auto read = from_payload<ReportResolved>(report_resolved, text);
  ASSERT_TRUE(read) << read.error().detail;
  EXPECT_EQ(read->decision, "refund");
  EXPECT_EQ(read->refund, (modules::Money{450, "EUR"}));
  EXPECT_EQ(read->reason, "cold food");
}

TEST(QualityEventsTest, RefusesMalformedPayloads) {
  for (const auto* bad : {R"({"report_id":"r1"})", "[]", "{"}) {
    EXPECT_EQ(from_payload<ReportResolved>(report_resolved, bad).error().code,
              ErrorCode::validation_failed)
        << bad;
    EXPECT_EQ(from_payload<ReportOpened>(report_opened, bad).error().code,
              ErrorCode::validation_failed)
        << bad;
  }
}

}  // namespace
}  // namespace reskflow::quality::events

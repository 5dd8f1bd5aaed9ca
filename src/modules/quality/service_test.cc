// Problem reports and their resolution on both engines: the report window on a manual clock,
// ownership, one unresolved report per kind, and refunds made through the real payments module
// and ledger, idempotent by report.
#include "reskflow/ledger/ledger.h"
#include "test_fixture.h"

namespace reskflow::quality::testing {
namespace {

class QualityServiceTest : public QualityFixture {
 protected:
  std::vector<std::string> published(std::string_view type) {
    auto rows = db().read([&](store::Transaction& tx) {
      return tx.query("SELECT subject FROM outbox WHERE type = $1 ORDER BY id",
                      {std::string(type)});
    });
    std::vector<std::string> out;
    if (rows)
      for (const auto r : *rows) out.push_back(r.text(0));
    return out;
  }

  void expect_books_balance() {
    auto ledger_violations = must(ledger::check(db()));
    EXPECT_TRUE(ledger_violations.empty()) << ledger_violations.front().detail;
    auto payment_violations = must(payments::check(db()));
    EXPECT_TRUE(payment_violations.empty()) << payment_violations.front().detail;
  }
};

TEST_P(QualityServiceTest, ReportsAreTakenForFortyEightHoursAfterDelivery) {
  deliver("order-1", ada, clock.now_us());
  deliver("order-2", ada, clock.now_us());
  clock.advance(std::chrono::hours(48));  // the last instant of the window
  auto report = must(service().open_report(ada, "order-1", missing(2)));
  EXPECT_EQ(report.status, "open");
  EXPECT_EQ(report.merchant_id, luigi);
  ASSERT_EQ(report.lines.size(), 1U);
  EXPECT_EQ(report.lines[0].quantity, 2);
  EXPECT_EQ(published(events::report_opened), std::vector<std::string>{report.id});

  clock.advance(std::chrono::microseconds(1));
  auto late = service().open_report(ada, "order-2", {"late", {}, ""});
  ASSERT_FALSE(late);
  EXPECT_EQ(late.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(late.error().detail,
            "problems can be reported for 48 hours after delivery; this order was delivered at "
            "2026-11-28T09:10:00Z");
}

TEST_P(QualityServiceTest, AnotherCustomersOrderOrAnUndeliveredOneIsNotFound) {
  deliver("order-1", ada, clock.now_us());
  for (const auto& [who, order] : {std::pair{bob, "order-1"}, std::pair{ada, "order-9"}}) {
    auto report = service().open_report(who, order, missing());
    ASSERT_FALSE(report);
    EXPECT_EQ(report.error().code, ErrorCode::not_found);
    EXPECT_EQ(service().order_reports(who, false, order).error().code, ErrorCode::not_found);
  }
  EXPECT_TRUE(service().order_reports(bob, true, "order-1"));  // an admin sees any
}

TEST_P(QualityServiceTest, OneUnresolvedReportPerOrderAndKind) {
  deliver("order-1", ada, clock.now_us());
  paid("order-1", ada);
  const auto first = must(service().open_report(ada, "order-1", missing()));
  auto again = service().open_report(ada, "order-1", missing());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_TRUE(service().open_report(ada, "order-1", {"damaged", {}, "squashed box"}));

  must(service().resolve(first.id, "admin-1", {false, 0, "the photo shows every item"}));
  EXPECT_TRUE(service().open_report(ada, "order-1", missing()));  // resolved: a new one may come
  EXPECT_EQ(must(service().order_reports(ada, false, "order-1")).size(), 3U);
}

TEST_P(QualityServiceTest, RefusesUnknownKindsAndItemReportsWithoutItems) {
  deliver("order-1", ada, clock.now_us());
  auto unknown = service().open_report(ada, "order-1", {"rude", {}, ""});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().fields.at(0).field, "kind");
  auto no_lines = service().open_report(ada, "order-1", {"wrong_items", {}, ""});
  ASSERT_FALSE(no_lines);
  EXPECT_EQ(no_lines.error().fields.at(0).field, "lines");
  auto twice =
      service().open_report(ada, "order-1", {"missing_items", {{pizza, 1}, {pizza, 2}}, ""});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().fields.at(0).field, "lines[1].item_id");
}

TEST_P(QualityServiceTest, RefundGoesThroughPaymentsOncePerReport) {
  deliver("order-1", ada, clock.now_us());
  paid("order-1", ada);
  const auto report = must(service().open_report(ada, "order-1", missing()));
  const Decision refund{true, 950, "one pizza missing"};
  auto resolved = must(service().resolve(report.id, "admin-1", refund));
  EXPECT_EQ(resolved.status, "resolved");
  ASSERT_TRUE(resolved.resolution);
  EXPECT_EQ(resolved.resolution->refund, eur(950));
  EXPECT_EQ(resolved.resolution->resolved_at_us, clock.now_us());
  EXPECT_EQ(intent_of("order-1").refunded, eur(950));
  EXPECT_EQ(intent_of("order-1").status, payments::IntentStatus::partially_refunded);

  // A retry answers the same and refunds nothing more; another decision is refused.
  EXPECT_EQ(must(service().resolve(report.id, "admin-1", refund)).status, "resolved");
  EXPECT_EQ(intent_of("order-1").refunded, eur(950));
  auto other = service().resolve(report.id, "admin-2", {true, 500, ""});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, ErrorCode::conflict);
  EXPECT_EQ(published(events::report_resolved), std::vector<std::string>{report.id});
  expect_books_balance();

  // The customer sees the outcome.
  const auto mine = must(service().customer_reports(ada, {}));
  ASSERT_EQ(mine.reports.size(), 1U);
  EXPECT_EQ(mine.reports[0].resolution->decision, "refund");
}

TEST_P(QualityServiceTest, RefundsAtMostWhatWasCapturedAndNotYetRefunded) {
  deliver("order-1", ada, clock.now_us());
  paid("order-1", ada, 2500);
  const auto missing_report = must(service().open_report(ada, "order-1", missing()));
  const auto late_report = must(service().open_report(ada, "order-1", {"late", {}, ""}));
  must(service().resolve(missing_report.id, "admin-1", {true, 2000, ""}));

  auto too_much = service().resolve(late_report.id, "admin-1", {true, 501, ""});
  ASSERT_FALSE(too_much);
  EXPECT_EQ(too_much.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(too_much.error().fields.at(0).message, "must be at most 500");
  for (const std::int64_t bad : {0, -100}) {
    auto refused = service().resolve(late_report.id, "admin-1", {true, bad, ""});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().fields.at(0).field, "amount_minor");
  }
  EXPECT_EQ(must(service().resolve(late_report.id, "admin-1", {true, 500, ""})).status, "resolved");
  EXPECT_EQ(intent_of("order-1").status, payments::IntentStatus::refunded);
  expect_books_balance();
}

TEST_P(QualityServiceTest, ARefundStoppedHalfwayIsFinishedByTheRetry) {
  deliver("order-1", ada, clock.now_us());
  const auto intent = paid("order-1", ada);
  const auto report = must(service().open_report(ada, "order-1", missing()));
  // The admin's first attempt got as far as payments, whose answer was lost: the refund is
  // made, the report still refunding.
  ASSERT_TRUE(db().write([&](store::Transaction& tx) -> Status {
    RF_TRY(moved, tx.exec("UPDATE quality_reports SET status = 'refunding', decision = 'refund', "
                          "refund_minor = 700, resolved_by = 'admin-1' WHERE id = $1",
                          {report.id}));
    RF_TRY(planned, tx.exec("INSERT INTO quality_refunds (report_id, intent_id, amount_minor) "
                            "VALUES ($1, $2, 700)",
                            {report.id, intent.id}));
    return {};
  }));
  must(payments().refund(intent.id, eur(700), refund_reason(report.id)));

  auto resolved = must(service().resolve(report.id, "admin-1", {true, 700, ""}));
  EXPECT_EQ(resolved.status, "resolved");
  EXPECT_EQ(intent_of("order-1").refunded, eur(700));  // not 1400
  expect_books_balance();
}

TEST_P(QualityServiceTest, NoRefundNeedsAReason) {
  deliver("order-1", ada, clock.now_us());
  const auto report = must(service().open_report(ada, "order-1", {"late", {}, ""}));
  auto bare = service().resolve(report.id, "admin-1", {false, 0, ""});
  ASSERT_FALSE(bare);
  EXPECT_EQ(bare.error().fields.at(0).field, "reason");
  auto resolved = must(service().resolve(report.id, "admin-1", {false, 0, "on time by GPS"}));
  EXPECT_EQ(resolved.resolution->decision, "no_refund");
  EXPECT_EQ(resolved.resolution->refund, eur(0));
  EXPECT_EQ(service()
                .resolve("0190ffff-0000-7000-8000-000000000000", "admin-1", {false, 0, "x"})
                .error()
                .code,
            ErrorCode::not_found);
}

TEST_P(QualityServiceTest, AdminQueueListsUnresolvedReportsOldestFirstByPage) {
  for (const auto* order : {"order-1", "order-2", "order-3"}) {
    deliver(order, ada, clock.now_us());
    must(service().open_report(ada, order, {"late", {}, ""}));
  }
  const auto first = must(service().admin_reports(false, {std::nullopt, 2}));
  ASSERT_EQ(first.reports.size(), 2U);
  EXPECT_EQ(first.reports[0].order_id, "order-1");
  ASSERT_TRUE(first.next_cursor);
  must(service().resolve(first.reports[0].id, "admin-1", {false, 0, "not late"}));
  const auto second = must(service().admin_reports(false, {first.next_cursor, 2}));
  ASSERT_EQ(second.reports.size(), 1U);
  EXPECT_EQ(second.reports[0].order_id, "order-3");
  EXPECT_FALSE(second.next_cursor);
  EXPECT_EQ(must(service().admin_reports(true, {})).reports.size(), 1U);
  EXPECT_EQ(service().admin_reports(false, {"not-a-cursor", 2}).error().code,
            ErrorCode::validation_failed);
}

INSTANTIATE_TEST_SUITE_P(Engines, QualityServiceTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::quality::testing

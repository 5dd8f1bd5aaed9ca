// payments' part of `reskflow ledger check` on both engines: healthy payments pass; a capture
// that no longer matches its entries, refunds that do not add up, and an order charged twice are
// each found and named.
#include "test_fixture.h"

namespace reskflow::payments::testing {
namespace {

class PaymentsCheckTest : public PaymentsFixture {
 protected:
  void SetUp() override {
    PaymentsFixture::SetUp();
    const auto intent = authorized("order-1");
    ASSERT_TRUE(payments().capture(intent.id, eur(2500), settlement_of_2500()));
    ASSERT_TRUE(payments().refund(intent.id, eur(1000), "cold pizza"));
    authorized("order-2");
  }

  void corrupt(const std::string& sql) {
    auto done = db().write([&](store::Transaction& tx) -> Status {
      RF_TRY(n, tx.exec(sql));
      return {};
    });
    ASSERT_TRUE(done) << done.error().detail;
  }

  std::vector<std::string> broken() {
    auto found = check(db());
    EXPECT_TRUE(found) << found.error().detail;
    std::vector<std::string> out;
    for (const auto& v : found.value_or(std::vector<ledger::Violation>{}))
      out.push_back(v.invariant + ": " + v.detail);
    return out;
  }
};

TEST_P(PaymentsCheckTest, HealthyPaymentsHaveNoViolation) { EXPECT_TRUE(broken().empty()); }

TEST_P(PaymentsCheckTest, FindsACaptureThatNoLongerMatchesItsEntries) {
  corrupt("UPDATE payments_intents SET captured_minor = 2400 WHERE order_id = 'order-1'");
  const auto found = broken();
  ASSERT_EQ(found.size(), 1U);
  EXPECT_TRUE(found[0].starts_with("capture_mismatch: payment ")) << found[0];
  EXPECT_TRUE(
      found[0].ends_with("captured 24.00 EUR but the ledger debited 2500 and credited "
                         "2500"))
      << found[0];
}

TEST_P(PaymentsCheckTest, FindsRefundsThatDoNotAddUpAndMoneyMovedWithoutCapture) {
  corrupt("UPDATE payments_intents SET refunded_minor = 500 WHERE order_id = 'order-1'");
  corrupt("UPDATE payments_intents SET status = 'authorized' WHERE order_id = 'order-1'");
  const auto found = broken();
  ASSERT_EQ(found.size(), 2U);
  EXPECT_TRUE(found[0].starts_with("refund_mismatch: ")) << found[0];
  EXPECT_TRUE(found[0].ends_with("has refunded 500 of 2500 captured; its refunds sum to 1000"))
      << found[0];
  EXPECT_TRUE(found[1].starts_with("charged_without_capture: ")) << found[1];
}

TEST_P(PaymentsCheckTest, FindsAnOrderChargedTwice) {
  corrupt("DROP INDEX payments_intents_order_payer");
  corrupt(
      "INSERT INTO payments_intents SELECT 'copy-' || id, order_id, payer_user_id, "
      "merchant_id, status, currency, amount_minor, captured_minor, refunded_minor, "
      "merchant_minor, platform_minor, tax_minor, tip_minor, decline_reason, challenge_url, "
      "provider, provider_ref, attempts, version, created_at_us, updated_at_us FROM "
      "payments_intents WHERE order_id = 'order-2'");
  const auto found = broken();
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0], "charged_twice: order order-2 has 2 payments by payer " + ada);
}

INSTANTIATE_TEST_SUITE_P(Engines, PaymentsCheckTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::payments::testing

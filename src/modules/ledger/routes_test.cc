// The ledger's routes over a real server on both engines, with a guard standing in for
// identity's: a merchant's balance and entries for its staff only, and the admin's payouts.
#include <boost/json.hpp>

#include "test_fixture.h"

namespace reskflow::ledger::testing {
namespace {

class LedgerRoutesTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  const std::string as_owner = "merchant:" + owner;
  const std::string as_stranger = "merchant:" + stranger;
};

TEST_P(LedgerRoutesTest, ShowsTheMerchantItsBalanceAndEntriesPageByPage) {
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 2500, 300)));
  ASSERT_TRUE(post(capture("payment:b:capture", luigi, 1000, 100)));
  auto first = call("GET", "/v1/merchants/" + luigi + "/balance?limit=1", as_owner);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("Cache-Control"), "no-store");
  auto body = body_of(first);
  const auto& balance = body.at("balances").at(0);
  EXPECT_EQ(balance.at("available").at("amount_minor").as_int64(), 3100);
  EXPECT_EQ(balance.at("in_transit").at("amount_minor").as_int64(), 0);
  ASSERT_EQ(body.at("entries").as_array().size(), 1U);
  const auto& newest = body.at("entries").at(0);
  EXPECT_EQ(newest.at("reference").as_string(), "payment:b:capture");
  EXPECT_EQ(newest.at("account").as_string(), "merchant_payable");
  EXPECT_EQ(newest.at("amount").at("amount_minor").as_int64(), 900);
  EXPECT_EQ(newest.at("created_at").as_string(), "2026-11-28T09:10:00Z");

  const std::string cursor(body.at("next_cursor").as_string());
  auto second =
      call("GET", "/v1/merchants/" + luigi + "/balance?limit=1&cursor=" + cursor, as_owner);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(body_of(second).at("entries").at(0).at("reference").as_string(), "payment:a:capture");
}

TEST_P(LedgerRoutesTest, HidesAMerchantsBalanceFromOthers) {
  auto other = call("GET", "/v1/merchants/" + luigi + "/balance", as_stranger);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(call("GET", "/v1/merchants/" + luigi + "/balance", "customer:" + owner).status, 403);
  EXPECT_EQ(call("GET", "/v1/merchants/" + luigi + "/balance", as_admin).status, 200);
  auto bad = call("GET", "/v1/merchants/" + luigi + "/balance?limit=0", as_owner);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(body_of(bad).at("errors").at(0).at("field").as_string(), "limit");
  EXPECT_EQ(call("GET", "/v1/merchants/" + luigi + "/balance?currency=eur", as_owner).status, 422);
}

TEST_P(LedgerRoutesTest, AnAdminRunsAPayoutAndTheMerchantSeesItInTransit) {
  ASSERT_TRUE(post(capture("payment:a:capture", luigi, 2500, 300)));
  EXPECT_EQ(call("POST", "/v1/ledger/payout-batches", as_owner).status, 403);
  auto made = call("POST", "/v1/ledger/payout-batches", as_admin);
  ASSERT_EQ(made.status, 201) << made.body;
  const auto batch = body_of(made);
  EXPECT_EQ(batch.at("payouts").at(0).at("amount").at("amount_minor").as_int64(), 2200);
  EXPECT_EQ(call("POST", "/v1/ledger/payout-batches", as_admin).status, 204);

  const auto id = std::string(batch.at("id").as_string());
  EXPECT_EQ(body_of(call("GET", "/v1/ledger/payout-batches/" + id, as_admin)).at("payouts_count"),
            1);
  EXPECT_EQ(body_of(call("GET", "/v1/ledger/payout-batches", as_admin)).at("data").at(0).at("id"),
            boost::json::value(id));
  EXPECT_EQ(call("GET", "/v1/ledger/payout-batches/unknown", as_admin).status, 404);

  auto balance = body_of(call("GET", "/v1/merchants/" + luigi + "/balance", as_owner));
  EXPECT_EQ(balance.at("balances").at(0).at("available").at("amount_minor").as_int64(), 0);
  EXPECT_EQ(balance.at("balances").at(0).at("in_transit").at("amount_minor").as_int64(), 2200);
  EXPECT_EQ(balance.at("entries").as_array().size(), 3U);
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::ledger::testing

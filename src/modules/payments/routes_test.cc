// The payments routes over a real server on both engines, with a guard standing in for
// identity's: an intent for its payer and admins only, and the challenge page typed back.
#include <boost/json.hpp>

#include "test_fixture.h"

namespace reskflow::payments::testing {
namespace {

class PaymentsRoutesTest : public PaymentsFixture {
 protected:
  void SetUp() override {
    PaymentsFixture::SetUp();
    if (HasFatalFailure()) return;
    serve({module.get()});
  }

  const std::string as_ada = "customer:" + ada;
  const std::string as_bob = "customer:" + bob;
};

TEST_P(PaymentsRoutesTest, ShowsAnIntentToItsPayerAndAdminsOnly) {
  const auto intent = authorized("order-1");
  auto mine = call("GET", "/v1/payments/" + intent.id, as_ada);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.header("Cache-Control"), "no-store");
  const auto body = body_of(mine);
  EXPECT_EQ(body.at("status").as_string(), "authorized");
  EXPECT_EQ(body.at("amount").at("amount_minor").as_int64(), 2500);
  EXPECT_EQ(body.at("created_at").as_string(), "2026-11-28T09:10:00Z");
  EXPECT_EQ(call("GET", "/v1/payments/" + intent.id, as_bob).status, 404);
  EXPECT_EQ(call("GET", "/v1/payments/" + intent.id, "admin:a-1").status, 200);
  EXPECT_EQ(call("GET", "/v1/payments/unknown", as_ada).status, 404);
}

TEST_P(PaymentsRoutesTest, ThePayerCompletesTheChallengeWithTheCodeShown) {
  auto pending = authorize("order-1", test_cards::challenge);
  ASSERT_TRUE(pending);
  const auto page = "/v1/payments/" + pending->id + "/challenge";
  EXPECT_EQ(call("GET", page, as_bob).status, 404);
  auto shown = call("GET", page, as_ada);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const std::string code(body_of(shown).at("code").as_string());
  const auto wrong = code == "000000" ? "111111" : "000000";
  auto refused = call("POST", page, as_ada, std::string(R"({"code":")") + wrong + "\"}");
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(body_of(refused).at("errors").at(0).at("field").as_string(), "code");
  EXPECT_EQ(call("POST", page, as_ada, "{}").status, 422);
  auto done = call("POST", page, as_ada, R"({"code":")" + code + "\"}");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(body_of(done).at("status").as_string(), "authorized");
  // Typed again (a retried request), it answers the same; the page is then gone.
  EXPECT_EQ(call("POST", page, as_ada, R"({"code":")" + code + "\"}").status, 200);
  EXPECT_EQ(call("GET", page, as_ada).status, 409);
}

INSTANTIATE_TEST_SUITE_P(Engines, PaymentsRoutesTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::payments::testing

// A budget cap under concurrent checkouts, on both engines: many customers redeem the same code
// at once through the conditional update and the budget is never overspent.
#include <atomic>
#include <thread>

#include "test_fixture.h"

namespace reskflow::promotions::testing {
namespace {

class PromotionsBudgetTest : public PromotionsFixture {};

TEST_P(PromotionsBudgetTest, ConcurrentCheckoutsNeverSpendMoreThanTheBudget) {
  constexpr int threads = 6;
  constexpr int orders_per_thread = 8;
  auto p = draft("RUSH");
  p.amount.amount_minor = 70;
  p.budget = modules::Money{1000, "EUR"};  // room for 14 discounts of 0.70 among 48 checkouts
  const auto rush = create(p);
  const auto quoted = must(service().discounts(basket("RUSH")));
  std::atomic<int> redeemed{0};
  std::atomic<int> ran_out{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < orders_per_thread; ++i) {
        const auto customer = "customer-" + std::to_string(t) + "-" + std::to_string(i);
        const auto order = "order-" + std::to_string(t) + "-" + std::to_string(i);
        auto b = basket("RUSH", customer);
        auto done = db().write(
            [&](store::Transaction& tx) { return service().redeem(tx, order, b, quoted); });
        if (done)
          ++redeemed;
        else if (done.error().detail == "The code RUSH ran out while you ordered.")
          ++ran_out;
      }
    });
  }
  for (auto& w : workers) w.join();
  EXPECT_EQ(redeemed.load(), 14);
  EXPECT_EQ(ran_out.load(), threads * orders_per_thread - 14);
  const auto after = stored(rush.id);
  EXPECT_EQ(after.spent.amount_minor, 980);
  EXPECT_EQ(after.redemptions, 14);
  auto rows = db().read([](store::Transaction& tx) {
    return tx.query("SELECT COUNT(*), COALESCE(SUM(amount_minor), 0) FROM promotions_redemptions");
  });
  ASSERT_TRUE(rows);
  EXPECT_EQ(rows->front().int64(0), 14);
  EXPECT_EQ(rows->front().int64(1), 980);
}

INSTANTIATE_TEST_SUITE_P(Engines, PromotionsBudgetTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::promotions::testing

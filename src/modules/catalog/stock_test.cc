// Stock taken by orders on both engines: tracked counts go down and back up, a sold-out or
// short item refuses the whole reservation naming the item, and a change reaches the caches
// through catalog.menu.updated with the merchant's next version.
#include <atomic>
#include <thread>
#include <vector>

#include "test_fixture.h"

namespace reskflow::catalog::testing {
namespace {

class StockTest : public CatalogTest {
 protected:
  void SetUp() override {
    CatalogTest::SetUp();
    merchant = created();
    auto replaced = service->replace_menu(merchant.id, menu_replacement(menu_document_sample()));
    ASSERT_TRUE(replaced) << replaced.error().detail;
    for (const auto& i : replaced->menu.items) items[i.name] = i.id;
  }
  Status change(const std::vector<StockLine>& lines, Service::StockChange how) {
    return db().write(
        [&](store::Transaction& tx) { return service->change_stock(tx, merchant.id, lines, how); });
  }
  std::optional<std::int64_t> stock_of(const std::string& name) {
    auto stock = db().read([&](store::Transaction& tx) {
      return repository::item_stock(tx, merchant.id, items[name]);
    });
    EXPECT_TRUE(stock && *stock);
    return (*stock)->stock_count;
  }

  Merchant merchant;
  std::map<std::string, std::string> items;
};

TEST_P(StockTest, ReservesTrackedCountsAndGivesThemBack) {
  const auto before = events().size();
  ASSERT_TRUE(
      change({{items["Diavola"], 2}, {items["Margherita"], 5}}, Service::StockChange::reserve));
  EXPECT_EQ(stock_of("Diavola"), 1);
  EXPECT_EQ(stock_of("Margherita"), std::nullopt);  // not tracked: unlimited
  const auto published = events();
  ASSERT_EQ(published.size(), before + 1);
  EXPECT_EQ(published.back().type, "catalog.menu.updated");
  ASSERT_TRUE(change({{items["Diavola"], 2}}, Service::StockChange::release));
  EXPECT_EQ(stock_of("Diavola"), 3);
}

TEST_P(StockTest, RefusesTheWholeReservationNamingTheItem) {
  auto short_of = change({{items["Margherita"], 1}, {items["Diavola"], 2}, {items["Diavola"], 2}},
                         Service::StockChange::reserve);
  ASSERT_FALSE(short_of);
  EXPECT_EQ(short_of.error().code, ErrorCode::conflict);
  EXPECT_EQ(short_of.error().detail, "only 3 Diavola left, 4 asked");
  ASSERT_EQ(short_of.error().members.size(), 1U);
  EXPECT_EQ(short_of.error().members[0].value, items["Diavola"]);
  EXPECT_EQ(stock_of("Diavola"), 3);
  auto sold_out = change({{items["Birra"], 1}}, Service::StockChange::reserve);
  ASSERT_FALSE(sold_out);
  EXPECT_EQ(sold_out.error().detail, "Birra is sold out");
  EXPECT_EQ(change({{"nothing", 1}}, Service::StockChange::reserve).error().code,
            ErrorCode::not_found);
}

// Orders for the same stock at one moment, each in a READ COMMITTED transaction as checkout's
// are: on PostgreSQL they wait for the merchant's row instead of failing to serialize, so none
// is retried; exactly the stock is taken, the rest are refused as sold out, none goes below zero.
TEST_P(StockTest, ConcurrentReservationsTakeTurnsWithoutRetries) {
  constexpr int threads = 8;
  constexpr int reservations_per_thread = 5;
  constexpr std::int64_t stock = 30;
  const auto& diavola = items["Diavola"];
  ASSERT_TRUE(db().write([&](store::Transaction& tx) {
    return repository::set_stock_count(tx, merchant.id, diavola, stock);
  }));
  const auto retries_before = db().stats().transaction_retries;
  std::atomic<int> taken{0};
  std::atomic<int> refused{0};
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        for (int i = 0; i < reservations_per_thread; ++i) {
          auto done = db().write(store::WriteOptions{store::Isolation::read_committed},
                                 [&](store::Transaction& tx) {
                                   return service->change_stock(tx, merchant.id, {{diavola, 1}},
                                                                Service::StockChange::reserve);
                                 });
          if (done)
            ++taken;
          else if (done.error().code == ErrorCode::conflict)
            ++refused;
          else
            ADD_FAILURE() << done.error().detail;
        }
      });
    }
  }
  EXPECT_EQ(taken.load(), stock);
  EXPECT_EQ(refused.load(), static_cast<std::int64_t>(threads) * reservations_per_thread - stock);
  EXPECT_EQ(stock_of("Diavola"), 0);
  EXPECT_EQ(db().stats().transaction_retries, retries_before);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Engines, StockTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace reskflow::catalog::testing

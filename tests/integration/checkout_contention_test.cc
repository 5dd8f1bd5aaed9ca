// Concurrent checkouts of the same stock (issue 13; docs/orders.md, "Concurrent checkouts"), on
// both engines: sixteen customers order a tiramisu at one moment, round after round, until the
// last round finds fewer left than customers. Every checkout is placed (201) or refused as sold
// out (409 naming the item), never 503; exactly the stock is sold, and the count ends at zero.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdio>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/store/database.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t customers = 16;
constexpr int rounds = 3;
// 48 checkouts for 40 tiramisus: the last round has 8 for 16 customers.
constexpr std::int64_t tiramisu_stock = 40;

class CheckoutContention : public ::testing::TestWithParam<TestEngine> {
 protected:
  // The server's counter in /metrics (Prometheus text format); 0 when it is absent.
  double metric(HttpClient& client, const std::string& name) {
    const auto body = client.get("/metrics").body;
    const auto at = body.find("\n" + name + " ");
    return at == std::string::npos ? 0 : std::stod(body.substr(at + name.size() + 2));
  }
  std::int64_t count(const std::string& sql, const store::Params& params) {
    auto db = store::Database::open(url);
    if (!db) throw std::runtime_error(db.error().detail);
    auto rows = (*db)->read([&](store::Transaction& tx) { return tx.query(sql, params); });
    if (!rows) throw std::runtime_error(rows.error().detail);
    return (*rows)[0].int64(0);
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
  Server server = start_server(shop_env(url, dir.path()));
};

TEST_P(CheckoutContention, EveryCheckoutOfTheSameStockIsPlacedOrSoldOutNeverBusy) {
  HttpClient client(server.port, 30s);
  const auto shop = open_storefront(client, tiramisu_stock);
  const auto& tiramisu = shop.item_ids[2];
  std::vector<std::string> tokens;
  for (std::size_t c = 0; c < customers; ++c)
    tokens.push_back(register_user(client, "c" + std::to_string(c) + "@example.com", "customer"));
  const auto retries_before = metric(client, "db_transaction_retries_total");
  int placed = 0;
  int sold_out = 0;
  for (int r = 0; r < rounds; ++r) {
    SCOPED_TRACE("round " + std::to_string(r + 1));
    std::vector<std::string> carts;
    for (const auto& token : tokens)
      carts.push_back(
          fill_cart(client, token, shop.merchant_id, {{tiramisu, 1}, {shop.item_ids[0], 1}}));
    std::vector<HttpResult> answers(customers);
    std::latch start(static_cast<std::ptrdiff_t>(customers));
    {
      std::vector<std::jthread> threads;
      for (std::size_t c = 0; c < customers; ++c) {
        threads.emplace_back([&, c] {
          HttpClient own(server.port, 30s);
          start.arrive_and_wait();
          answers[c] = call(own, "POST", "/v1/orders", tokens[c],
                            checkout_body(carts[c], 0, "4242424242424242"),
                            "round-" + std::to_string(r) + "-" + std::to_string(c));
        });
      }
    }
    for (const auto& a : answers) {
      if (a.status == 201) {
        ++placed;
      } else if (a.status == 409 && a.body.find("Tiramisu") != std::string::npos) {
        ++sold_out;
      } else {
        ADD_FAILURE() << "a checkout answered " << a.status << ": " << a.body;
      }
    }
  }
  std::printf("checkout contention: %d placed, %d sold out, %.0f transactions retried\n", placed,
              sold_out, metric(client, "db_transaction_retries_total") - retries_before);
  EXPECT_EQ(placed, tiramisu_stock);
  EXPECT_EQ(sold_out, static_cast<std::int64_t>(customers) * rounds - tiramisu_stock);
  EXPECT_EQ(count("SELECT stock_count FROM catalog_items WHERE id = $1", {tiramisu}), 0);
  EXPECT_EQ(
      count("SELECT COALESCE(SUM(quantity), 0) FROM orders_lines WHERE item_id = $1", {tiramisu}),
      tiramisu_stock);
}

INSTANTIATE_TEST_SUITE_P(Engines, CheckoutContention,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing

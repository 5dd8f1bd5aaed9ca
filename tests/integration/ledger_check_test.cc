// `reskflow ledger check` as an operator runs it, on both engines: 0 on a healthy ledger, 1 with
// a line naming each violation once the tables are corrupted, 2 when there is no ledger to check;
// and on orders the binary took to each terminal state, each one whose payment is not settled.
#include <gtest/gtest.h>

#include <signal.h>

#include "admin_session.h"
#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/store/database.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;

class LedgerCheckBinaryTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  int run(const std::vector<std::string>& args, std::string& output) {
    std::vector<std::string> argv{binary_path()};
    argv.insert(argv.end(), args.begin(), args.end());
    Process p(argv, {{"DATABASE_URL", url}});
    const auto code = p.wait_exit(60s);
    output = p.output();
    return code.value_or(-1);
  }

  void corrupt(const std::string& sql) {
    auto db = store::Database::open(url);
    ASSERT_TRUE(db);
    auto done = (*db)->write([&](store::Transaction& tx) -> Status {
      RF_TRY(n, tx.exec(sql));
      return {};
    });
    ASSERT_TRUE(done) << done.error().detail;
  }

  TempDir dir;
  std::string url = fresh_database_url(GetParam(), dir);
};

TEST_P(LedgerCheckBinaryTest, ExitsNonZeroNamingEachViolation) {
  std::string output;
  ASSERT_EQ(run({"ledger", "check"}, output), 2) << output;  // nothing migrated yet
  ASSERT_EQ(run({"migrate"}, output), 0) << output;
  ASSERT_EQ(run({"ledger", "check"}, output), 0) << output;
  EXPECT_NE(output.find("ledger check: every invariant holds"), std::string::npos) << output;

  corrupt(
      "INSERT INTO ledger_accounts (id, kind, owner_id, currency, created_at_us) VALUES "
      "('a1', 'processor_clearing', '', 'EUR', 0), ('a2', 'refunds', '', 'EUR', 0)");
  corrupt(
      "INSERT INTO ledger_transactions (id, reference, description, created_at_us) VALUES "
      "('t1', 'refund:by-hand', 'A refund typed into the database', 0)");
  corrupt(
      "INSERT INTO ledger_entries (id, transaction_id, account_id, amount_minor, "
      "created_at_us) VALUES ('e1', 't1', 'a2', 500, 0), ('e2', 't1', 'a1', -499, 0)");
  ASSERT_EQ(run({"ledger", "check"}, output), 1) << output;
  EXPECT_NE(output.find("violation: unbalanced: transaction t1 (refund:by-hand) sums to 1 EUR"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("violation: negative_balance: processor_clearing stands at -499 EUR"),
            std::string::npos)
      << output;
  EXPECT_NE(output.find("ledger check: 2 violations"), std::string::npos) << output;
}

// Orders the real binary took to every terminal state: delivered (A, G, H), cancelled by the
// customer (B), rejected by the merchant (C), delivered then refunded by an admin (D), failed
// at the door (E, keeping its hold until an admin decides), and one still placed (F).
class FinishedOrders {
 public:
  explicit FinishedOrders(const std::map<std::string, std::string>& env) : env_(env) {}

  void make() {
    server_ = start_server(env_);
    HttpClient client(server_.port, 30s);
    shop_ = open_storefront(client, 40);
    customer_ = register_user(client, "ada@example.com", "customer");
    auto session = admin_session(client, env_, "root@example.com");
    ASSERT_TRUE(session) << session.error();
    admin_ = *session;
    for (const auto& name : {"A", "B", "C", "D", "E", "F", "G", "H"}) ids[name] = place(client);
    for (const auto& name : {"A", "D", "E", "G", "H"})
      for (const auto* to : {"accept", "preparing", "ready", "picked-up"}) move(client, name, to);
    for (const auto& name : {"A", "D", "G", "H"}) move(client, name, "delivered");
    move(client, "B", "cancel", customer_);
    move(client, "C", "reject");
    move(client, "D", "refund", admin_);
    move(client, "E", "failed");
    server_.process->signal(SIGTERM);
    ASSERT_TRUE(server_.process->wait_exit(30s));
  }

  std::map<std::string, std::string> ids;

 private:
  std::string place(HttpClient& client) {
    const auto cart = fill_cart(client, customer_, shop_.merchant_id,
                                {{shop_.item_ids[0], 1}, {shop_.item_ids[1], 1}});
    const auto placed = call(client, "POST", "/v1/orders", customer_,
                             checkout_body(cart, 100, "4242424242424242"), "place-" + cart);
    EXPECT_EQ(placed.status, 201) << placed.body;
    return str(json_of(placed), "id");
  }

  void move(HttpClient& client, const std::string& name, const std::string& to,
            const std::string& token = {}) {
    boost::json::object body;
    if (to == "accept") body["prep_time_minutes"] = 15;
    if (to == "reject" || to == "cancel" || to == "refund" || to == "failed")
      body["reason"] = "the test says " + to;
    const auto path = "/v1/orders/" + ids[name] + "/" + to;
    const auto answer = call(client, "POST", path, token.empty() ? shop_.owner_token : token, body);
    EXPECT_EQ(answer.status, 200) << path << ": " << answer.body;
  }

  std::map<std::string, std::string> env_;
  Server server_;
  Storefront shop_;
  std::string customer_;
  std::string admin_;
};

TEST_P(LedgerCheckBinaryTest, NamesEachFinishedOrderWhosePaymentIsNotSettled) {
  FinishedOrders orders(shop_env(url, dir.path()));
  orders.make();
  ASSERT_FALSE(HasFailure());
  std::string output;
  ASSERT_EQ(run({"ledger", "check"}, output), 0) << output;

  const auto order = [&](const std::string& name) { return "'" + orders.ids[name] + "'"; };
  // Written delivered without its capture.
  corrupt("UPDATE orders_orders SET status = 'delivered' WHERE id = " + order("F"));
  // Cancelled, and failed, after the money was taken.
  corrupt("UPDATE orders_orders SET status = 'cancelled' WHERE id = " + order("A"));
  corrupt("UPDATE orders_orders SET status = 'failed' WHERE id = " + order("H"));
  // Refunded while the capture was kept.
  corrupt("UPDATE orders_orders SET status = 'refunded' WHERE id = " + order("G"));
  // A cancelled order's hold never released; a rejected one's release still pending is fine.
  corrupt("UPDATE payments_intents SET status = 'authorized' WHERE order_id IN (" + order("B") +
          ", " + order("C") + ")");
  corrupt(
      "INSERT INTO orders_hold_releases (intent_id, order_id, attempts, next_attempt_us, "
      "last_error) SELECT id, order_id, 1, 0, 'the processor is unavailable' FROM "
      "payments_intents WHERE order_id = " +
      order("C"));

  ASSERT_EQ(run({"ledger", "check"}, output), 1) << output;
  // Each order's total depends on the demand when it was placed: the lines name the order and
  // what is wrong, the amounts are the order's own.
  for (const auto& expected :
       {"violation: delivered_not_captured: order " + orders.ids["F"] +
            " is delivered with a total of ",
        "violation: captured_without_delivery: order " + orders.ids["A"] +
            " is cancelled but its payments captured ",
        "violation: captured_without_delivery: order " + orders.ids["H"] +
            " is failed but its payments captured ",
        "violation: refund_incomplete: order " + orders.ids["G"] + " is refunded but ",
        "violation: hold_not_released: order " + orders.ids["B"] + " is cancelled but payment "})
    EXPECT_NE(output.find(expected), std::string::npos) << expected << "\n" << output;
  EXPECT_NE(output.find("but its payments captured 0.00 EUR"), std::string::npos) << output;
  EXPECT_EQ(output.find(orders.ids["C"]), std::string::npos) << output;
  EXPECT_NE(output.find("ledger check: 5 violations"), std::string::npos) << output;
}

INSTANTIATE_TEST_SUITE_P(Engines, LedgerCheckBinaryTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing

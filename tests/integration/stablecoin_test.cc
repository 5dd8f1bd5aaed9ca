// A stablecoin payment settles an order through the real binary (issue 16, point 6), on both
// engines: ganache (npm) on a free loopback port with a test ERC-20 deployed here, the server
// configured with the token, a master secret and a treasury key file. A customer checks out with
// "stablecoin", pays the deposit address the checkout named, and once the transfer has its
// confirmations the order is placed and goes on to delivered; the capture is in the ledger and
// `reskflow ledger check` passes. A split group bill is paid share by share, each its own deposit.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <boost/json.hpp>

#include <fstream>
#include <set>

#include "api.h"
#include "engines.h"
#include "process.h"
#include "reskflow/chain/eth/abi.h"
#include "reskflow/testing/evm_node.h"
#include "shop.h"

namespace reskflow::testing {
namespace {

using namespace std::chrono_literals;
namespace eth = chain::eth;

constexpr int confirmations = 3;
constexpr auto placed_deadline = 60s;
constexpr std::array<std::string_view, 5> delivery_moves{"accept", "preparing", "ready",
                                                         "picked-up", "delivered"};

eth::Signer signer_of(char digit) {
  return eth::Signer::from_secret(*eth::word_from_hex(std::string(64, digit))).value();
}

// A key file as an operator writes it: 64 hex digits, readable by its owner only.
std::string key_file(const TempDir& dir, const std::string& name, char digit) {
  const auto path = dir.path() / name;
  std::ofstream(path) << "0x" << std::string(64, digit) << "\n";
  ::chmod(path.c_str(), S_IRUSR | S_IWUSR);
  return path.string();
}

eth::Bytes token_call(std::string_view function, const eth::Address& to, std::uint64_t units) {
  return eth::abi::encode_call(eth::abi::selector(function), {to, eth::abi::uint_word(units)});
}

class StablecoinTest : public ::testing::TestWithParam<TestEngine> {
 protected:
  static void SetUpTestSuite() { node_ = std::make_unique<EvmNode>("stablecoin"); }
  static void TearDownTestSuite() { node_.reset(); }

  void SetUp() override {
    ASSERT_FALSE(node_->url().empty()) << "the local EVM node did not start";
    const auto deployed =
        node_->send(funded_, std::nullopt,
                    contract_bytecode(std::filesystem::path(RESKFLOW_TEST_CONTRACTS_DIR) /
                                      "TestStablecoin.bin"));
    ASSERT_TRUE(deployed && deployed->contract_address);
    token_ = *deployed->contract_address;
    for (const auto* account : {&payer_, &treasury_}) {
      ASSERT_TRUE(node_->send(funded_, account->address(), {}, 1'000'000'000'000'000'000));
      ASSERT_TRUE(node_->send(
          funded_, token_, token_call("mint(address,uint256)", account->address(), 1'000'000'000)));
    }
    env_ =
        shop_env(url_, dir_.path(),
                 {{"RESKFLOW_PAYMENTS_CRYPTO_RPC_URL", node_->url()},
                  {"RESKFLOW_PAYMENTS_CRYPTO_CHAIN_ID", std::to_string(evm_chain_id)},
                  {"RESKFLOW_PAYMENTS_CRYPTO_TOKEN", eth::to_hex(token_)},
                  {"RESKFLOW_PAYMENTS_CRYPTO_CURRENCY", "EUR"},
                  {"RESKFLOW_PAYMENTS_CRYPTO_TOKEN_DECIMALS", "6"},
                  {"RESKFLOW_PAYMENTS_CRYPTO_TOKEN_SYMBOL", "TUSD"},
                  {"RESKFLOW_PAYMENTS_CRYPTO_MASTER_KEY_FILE", key_file(dir_, "master", '3')},
                  {"RESKFLOW_PAYMENTS_CRYPTO_TREASURY_KEY_FILE", key_file(dir_, "treasury", '2')},
                  {"RESKFLOW_PAYMENTS_CRYPTO_CONFIRMATIONS", std::to_string(confirmations)},
                  {"RESKFLOW_PAYMENTS_CRYPTO_INTERVAL_MS", "50"},
                  {"RESKFLOW_PAYMENTS_CRYPTO_MAX_FEE_PER_GAS_WEI", "100000000000"},
                  {"RESKFLOW_PAYMENTS_CRYPTO_PRIORITY_FEE_MIN_WEI", "1000000000"}});
    server_ = start_server(env_);
  }

  // The order's status, asked until it is `wanted` or the deadline passes.
  std::string status_once(HttpClient& client, const std::string& order_id, const std::string& token,
                          std::string_view wanted) {
    const auto deadline = std::chrono::steady_clock::now() + placed_deadline;
    std::string status;
    do {
      status = str(json_of(call(client, "GET", "/v1/orders/" + order_id, token)), "status");
    } while (status != wanted && std::chrono::steady_clock::now() < deadline);
    return status;
  }

  static std::unique_ptr<EvmNode> node_;
  eth::Signer funded_ = eth::Signer::from_secret(*eth::word_from_hex(evm_funded_key)).value();
  eth::Signer payer_ = signer_of('1');
  eth::Signer treasury_ = signer_of('2');
  eth::Address token_{};
  TempDir dir_;
  std::string url_ = fresh_database_url(GetParam(), dir_);
  std::map<std::string, std::string> env_;
  Server server_;
};

std::unique_ptr<EvmNode> StablecoinTest::node_;

TEST_P(StablecoinTest, AnOrderPaidInTheStablecoinIsPlacedOnceConfirmedAndDelivered) {
  HttpClient client(server_.port, 30s);
  // What the checkout reads to offer the stablecoin, for orders in euros.
  const auto methods = json_of(call(client, "GET", "/v1/payments/methods", ""));
  const auto& coin = methods.at("stablecoin");
  EXPECT_EQ(str(coin, "currency"), "EUR");
  EXPECT_EQ(str(coin, "symbol"), "TUSD");
  EXPECT_EQ(str(coin, "token"), eth::to_hex(token_));
  EXPECT_EQ(coin.at("decimals").to_number<int>(), 6);
  const auto shop = open_storefront(client, 10);
  const auto customer = register_user(client, "ada@example.com", "customer");
  const auto cart = fill_cart(client, customer, shop.merchant_id, {{shop.item_ids[0], 2}});
  const auto placed =
      call(client, "POST", "/v1/orders", customer, checkout_body(cart, 100, "stablecoin"), "k1");
  ASSERT_EQ(placed.status, 201) << placed.body;
  const auto order = json_of(placed);
  EXPECT_EQ(str(order, "status"), "awaiting_payment");
  const auto& share = order.at("payment").at("shares").at(0);
  const auto intent_id = str(share, "intent_id");
  EXPECT_TRUE(str(share, "challenge_url").starts_with("ethereum:" + eth::to_hex(token_) + "@1337"));
  EXPECT_FALSE(str(order.at("payment"), "due_at").empty());

  const auto deposit =
      json_of(call(client, "GET", "/v1/payments/" + intent_id + "/deposit", customer));
  EXPECT_EQ(str(deposit, "status"), "open");
  EXPECT_EQ(str(deposit, "payment_uri"), str(share, "challenge_url"));
  const auto units = std::stoull(str(deposit, "amount_units"));
  EXPECT_EQ(units, static_cast<std::uint64_t>(
                       order.at("price").at("total_minor").to_number<std::int64_t>()) *
                       10'000);  // 6 decimals for 2-digit euros
  ASSERT_TRUE(node_->send(payer_, token_,
                          token_call("transfer(address,uint256)",
                                     *eth::address_from_hex(str(deposit, "address")), units)));
  ASSERT_TRUE(node_->mine(confirmations - 1));
  EXPECT_EQ(status_once(client, str(order, "id"), customer, "placed"), "placed");

  for (const auto move : delivery_moves) {
    boost::json::object body;
    if (move == "accept") body["prep_time_minutes"] = 15;
    const auto answer =
        call(client, "POST", "/v1/orders/" + str(order, "id") + "/" + std::string(move),
             shop.owner_token, body);
    ASSERT_EQ(answer.status, 200) << move << ": " << answer.body;
  }
  const auto intent = json_of(call(client, "GET", "/v1/payments/" + intent_id, customer));
  EXPECT_EQ(str(intent, "status"), "captured");
  EXPECT_EQ(str(json_of(call(client, "GET", "/v1/payments/" + intent_id + "/deposit", customer)),
                "status"),
            "captured");
  Process check({binary_path(), "ledger", "check"}, env_);
  EXPECT_EQ(check.wait_exit(60s), 0) << check.output();
}

// A split group bill in the stablecoin: each participant's share is a deposit of its own.
TEST_P(StablecoinTest, EachShareOfASplitBillIsADepositOfItsOwn) {
  HttpClient client(server_.port, 30s);
  const auto shop = open_storefront(client, 10);
  const auto ada = register_user(client, "ada@example.com", "customer");
  const auto bob = register_user(client, "bob@example.com", "customer");
  const auto cart = fill_cart(client, ada, shop.merchant_id, {{shop.item_ids[0], 2}});
  const auto group =
      call(client, "POST", "/v1/carts/" + cart + "/group", ada, {{"display_name", "Ada"}});
  ASSERT_EQ(group.status, 200) << group.body;
  const auto joined =
      call(client, "POST", "/v1/group-invites/" + str(json_of(group), "invite_token") + "/join",
           bob, {{"display_name", "Bob"}}, "join-1");
  ASSERT_EQ(joined.status, 201) << joined.body;
  ASSERT_EQ(call(client, "POST", "/v1/carts/" + cart + "/lines", bob,
                 {{"item_id", shop.item_ids[1]}, {"quantity", 1}})
                .status,
            201);
  ASSERT_EQ(call(client, "POST", "/v1/carts/" + cart + "/lock", ada).status, 200);
  auto body = checkout_body(cart, 0, "stablecoin");  // Ada pays her share at checkout
  body["split"] = true;
  const auto placed = call(client, "POST", "/v1/orders", ada, body, "split-1");
  ASSERT_EQ(placed.status, 201) << placed.body;
  const auto order_id = str(json_of(placed), "id");
  const auto bob_paid = call(client, "POST", "/v1/orders/" + order_id + "/payment-shares", bob,
                             {{"payment_method", "stablecoin"}}, "bob-share");
  ASSERT_EQ(bob_paid.status, 200) << bob_paid.body;
  const auto order = json_of(bob_paid);
  EXPECT_EQ(str(order, "status"), "awaiting_payment");

  // Two deposits, two addresses, each for its share in units; both paid, the order is placed.
  std::set<std::string> addresses;
  std::vector<std::pair<std::string, std::string>> intents;  // (intent id, its payer's token)
  for (const auto& share : order.at("payment").at("shares").as_array()) {
    EXPECT_EQ(str(share, "status"), "requires_action");
    const auto token = str(share, "display_name") == "Ada" ? ada : bob;
    intents.emplace_back(str(share, "intent_id"), token);
    const auto deposit =
        json_of(call(client, "GET", "/v1/payments/" + str(share, "intent_id") + "/deposit", token));
    EXPECT_EQ(
        std::stoull(str(deposit, "amount_units")),
        static_cast<std::uint64_t>(share.at("amount_minor").to_number<std::int64_t>()) * 10'000);
    addresses.insert(str(deposit, "address"));
    ASSERT_TRUE(node_->send(
        payer_, token_,
        token_call("transfer(address,uint256)", *eth::address_from_hex(str(deposit, "address")),
                   std::stoull(str(deposit, "amount_units")))));
  }
  EXPECT_EQ(addresses.size(), 2U);
  ASSERT_TRUE(node_->mine(confirmations - 1));
  EXPECT_EQ(status_once(client, order_id, ada, "placed"), "placed");

  for (const auto move : delivery_moves) {
    boost::json::object moved;
    if (move == "accept") moved["prep_time_minutes"] = 15;
    const auto answer = call(client, "POST", "/v1/orders/" + order_id + "/" + std::string(move),
                             shop.owner_token, moved);
    ASSERT_EQ(answer.status, 200) << move << ": " << answer.body;
  }
  for (const auto& [intent_id, token] : intents) {
    EXPECT_EQ(str(json_of(call(client, "GET", "/v1/payments/" + intent_id + "/deposit", token)),
                  "status"),
              "captured");
  }
  Process check({binary_path(), "ledger", "check"}, env_);
  EXPECT_EQ(check.wait_exit(60s), 0) << check.output();
}

INSTANTIATE_TEST_SUITE_P(Engines, StablecoinTest,
                         ::testing::Values(TestEngine::sqlite, TestEngine::postgres),
                         [](const auto& test_info) { return engine_label(test_info.param); });

}  // namespace
}  // namespace reskflow::testing

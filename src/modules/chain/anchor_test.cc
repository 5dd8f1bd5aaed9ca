// Anchoring on both engines against a real local EVM node (ganache from npm, started on 127.0.0.1
// by scripts/ganache.sh): the compiled DeliveryRegistry is deployed with a transaction signed here,
// batches are anchored, and every leaf is checked with the contract's verify through eth_call.
// Also: a restart between sending and confirming, a transaction dropped from the node's pool,
// and a node restarted mid-batch: nothing is anchored twice and nonces stay in step. And the
// verifier of `reskflow verify`: stored proofs check out on chain, a tampered record does not.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "anchorer.h"
#include "document.h"
#include "repository.h"
#include "reskflow/chain/eth/abi.h"
#include "reskflow/chain/eth/merkle.h"
#include "reskflow/chain/nonces.h"
#include "reskflow/chain/record.h"
#include "reskflow/chain/verify.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/migrations.h"
#include "reskflow/testing/paths.h"
#include "service.h"
#include "test_database.h"

std::span<const reskflow::store::EmbeddedFile> reskflow_migrations_chain();

namespace reskflow::chain {
namespace {

namespace fs = std::filesystem;
using eth::Word;

// Ganache funds this key's account (the web3.js documentation's example key; test chain only).
constexpr std::string_view test_key =
    "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
constexpr std::uint64_t test_chain_id = 1337;

struct Ran {
  int exit_code = -1;
  std::string output;  // stdout, without its last line break
};

Ran run(const std::string& command) {
  Ran out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) out.output += buffer.data();
  const int status = ::pclose(pipe);
  if (WIFEXITED(status)) out.exit_code = WEXITSTATUS(status);
  while (!out.output.empty() && (out.output.back() == '\n' || out.output.back() == '\r'))
    out.output.pop_back();
  return out;
}

// A ganache node on a free loopback port, its chain kept in a temp dir across restarts.
class Node {
 public:
  Node() : dir_(fs::temp_directory_path() / ("chain-node-" + std::to_string(::getpid()))) {
    fs::remove_all(dir_);
    start();
  }
  ~Node() {
    stop();
    fs::remove_all(dir_);
  }
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  void start() {
    url_ = run("scripts/ganache.sh start " + dir_.string() + " " + std::string(test_key)).output;
  }
  void stop() { run("scripts/ganache.sh stop " + dir_.string() + " 2>/dev/null"); }
  const std::string& url() const { return url_; }

 private:
  fs::path dir_;
  std::string url_;
};

eth::Bytes registry_bytecode() {
  std::ifstream in(fs::path(RESKFLOW_CONTRACTS_DIR) / "DeliveryRegistry.bin");
  std::stringstream text;
  text << in.rdbuf();
  return eth::from_hex(text.str()).value_or(eth::Bytes{});
}

Record record_of(int i) {
  return {Milestone::created,
          "delivery-" + std::to_string(i),
          1'750'000'000'000'000 + i,
          {'o', 'r', 'd', 'e', 'r'}};
}

class AnchorTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  // One node for the suite: each test deploys its own registry on it.
  static void SetUpTestSuite() { node_ = std::make_unique<Node>(); }
  static void TearDownTestSuite() { node_.reset(); }

  void SetUp() override {
    ASSERT_FALSE(node_->url().empty()) << "the local EVM node did not start";
    rpc_ = std::make_unique<eth::RpcClient>(node_->url(), std::chrono::seconds(30));
    auto scratch = store::testing::ScratchDatabase::create(GetParam());
    ASSERT_TRUE(scratch.has_value());
    scratch_ = std::move(*scratch);
    auto db = scratch_->open();
    ASSERT_TRUE(db.has_value());
    db_ = std::move(*db);
    const std::vector<store::MigrationSet> sets{nonces::migrations(),
                                                {"chain", reskflow_migrations_chain()}};
    ASSERT_TRUE(store::migrate(*db_, sets));
    policy_.chain_id = test_chain_id;
    policy_.contract = deploy();
    policy_.batch_records_max = 4;
    policy_.batch_wait = std::chrono::seconds(60);
    policy_.confirmations = 2;
    policy_.max_fee_per_gas_cap_wei = 100'000'000'000;
    policy_.priority_fee_floor_wei = 1'000'000'000;
    policy_.resend_after = std::chrono::seconds(30);
  }

  // Deploys the registry from the anchor account, signed here; returns its address.
  eth::Address deploy() {
    eth::Eip1559Transaction tx;
    tx.chain_id = test_chain_id;
    tx.nonce = rpc_->transaction_count(signer_.address(), "pending").value();
    tx.max_priority_fee_per_gas = 1'000'000'000;
    tx.max_fee_per_gas = 10'000'000'000;
    tx.gas_limit = 2'000'000;
    tx.data = registry_bytecode();
    EXPECT_FALSE(tx.data.empty()) << "build the reskflow_contracts target first";
    const auto sent = signer_.sign_transaction(tx);
    EXPECT_EQ(rpc_->send_raw_transaction(sent.raw).value(), sent.hash);
    const auto receipt = rpc_->receipt(sent.hash).value();
    EXPECT_TRUE(receipt && receipt->succeeded && receipt->contract_address);
    return receipt->contract_address.value_or(eth::Address{});
  }

  // Sends 1 ETH from the anchor account to `to`.
  void fund(const eth::Address& to) {
    eth::Eip1559Transaction tx;
    tx.chain_id = test_chain_id;
    tx.nonce = rpc_->transaction_count(signer_.address(), "pending").value();
    tx.max_priority_fee_per_gas = 1'000'000'000;
    tx.max_fee_per_gas = 10'000'000'000;
    tx.gas_limit = 21'000;
    tx.to = to;
    tx.value = 1'000'000'000'000'000'000;
    const auto sent = signer_.sign_transaction(tx);
    ASSERT_TRUE(rpc_->send_raw_transaction(sent.raw));
  }

  Anchorer anchorer() { return {*db_, rpc_.get(), &signer_, policy_, clock_.clock()}; }

  void add_records(int from, int to) {
    for (int i = from; i < to; ++i) {
      ASSERT_TRUE(db_->write([&](store::Transaction& tx) {
        return repository::insert_record(tx, record_of(i), clock_.now_us());
      }));
    }
  }

  void mine() { ASSERT_TRUE(rpc_->call("evm_mine", {}).has_value()); }

  std::vector<BatchView> batches() {
    return db_->read([](store::Transaction& tx) { return repository::batches(tx, "", 0, 100); })
        .value();
  }

  // The contract's verify(batchId, leaf, proof) through eth_call.
  bool verified_on_chain(std::int64_t batch_id, const Word& leaf, const std::vector<Word>& proof) {
    const auto data = eth::abi::encode_call(eth::abi::selector("verify(uint64,bytes32,bytes32[])"),
                                            {static_cast<std::uint64_t>(batch_id), leaf, proof});
    const auto answer = rpc_->call_contract(policy_.contract, data).value();
    const auto words = eth::abi::decode_words(answer).value();
    return eth::abi::word_to_bool(words.at(0)).value();
  }

  // Every stored leaf of every confirmed batch checks out on chain; returns how many.
  int verify_all() {
    int verified = 0;
    for (const auto& batch : batches()) {
      if (batch.state != "confirmed") continue;
      const auto leaves =
          db_->read([&](store::Transaction& tx) { return repository::batch_leaves(tx, batch.id); })
              .value();
      const eth::merkle::Tree tree(leaves);
      for (std::size_t i = 0; i < leaves.size(); ++i) {
        EXPECT_TRUE(verified_on_chain(batch.id, leaves[i], tree.proof(i)))
            << "batch " << batch.id << " leaf " << i;
        ++verified;
      }
    }
    return verified;
  }

  // The body GET /v1/deliveries/{id}/verification answers for `delivery_id`.
  boost::json::value verification_of(const std::string& delivery_id) {
    const Anchoring anchoring{eth::to_hex(policy_.contract), test_chain_id};
    return proof_of_record_json(db_->read([&](store::Transaction& tx) {
                                     return proof_of_record_in(tx, delivery_id, anchoring);
                                   })
                                    .value());
  }

  MilestoneCheck only_check(const std::string& delivery_id) {
    const auto checked = verify_proof_of_record(verification_of(delivery_id), delivery_id, *rpc_);
    EXPECT_TRUE(checked.has_value()) << checked.error().detail;
    if (!checked || checked->milestones.size() != 1) return {};
    return checked->milestones.front();
  }

  // `reskflow verify --file` on the verification of `delivery_id`.
  Ran run_verify(const std::string& delivery_id) {
    const auto file = fs::temp_directory_path() / ("verification-" + std::to_string(::getpid()));
    std::ofstream(file) << boost::json::serialize(verification_of(delivery_id));
    const auto binary = reskflow::testing::beside_executable(RESKFLOW_BINARY_FROM_TESTS);
    auto ran = run(binary.string() + " verify --delivery " + delivery_id + " --file " +
                   file.string() + " --rpc " + node_->url() + " 2>&1");
    fs::remove(file);
    return ran;
  }

  // Restarts the node on the same chain: its pool of pending transactions is lost.
  void restart_node() {
    node_->stop();
    node_->start();
    rpc_ = std::make_unique<eth::RpcClient>(node_->url(), std::chrono::seconds(30));
  }

  static std::unique_ptr<Node> node_;
  eth::Signer signer_ = eth::Signer::from_secret(*eth::word_from_hex(test_key)).value();
  std::unique_ptr<eth::RpcClient> rpc_;
  std::unique_ptr<store::testing::ScratchDatabase> scratch_;
  std::unique_ptr<store::Database> db_;
  modules::ManualClock clock_{1'750'000'000'000'000};
  AnchorPolicy policy_;
};

std::unique_ptr<Node> AnchorTest::node_;

TEST_P(AnchorTest, AnchorsBatchesAndTheContractVerifiesEveryLeaf) {
  add_records(0, 5);
  auto a = anchorer();
  auto pass = a.run_once().value();
  EXPECT_EQ(pass.sealed, 1);  // four records: full; the fifth waits for batch_wait
  EXPECT_EQ(pass.sent, 1);
  EXPECT_EQ(batches().at(0).state, "sent");  // mined, but one confirmation of two
  mine();
  pass = a.run_once().value();
  EXPECT_EQ(pass.confirmed, 1);
  clock_.advance(policy_.batch_wait);
  EXPECT_EQ(a.run_once().value().sealed, 1);
  mine();
  EXPECT_EQ(a.run_once().value().confirmed, 1);
  const auto all = batches();
  ASSERT_EQ(all.size(), 2U);
  for (const auto& b : all) {
    EXPECT_EQ(b.state, "confirmed");
    EXPECT_EQ(b.attempts, 1);
    // Measured, not asserted: docs/chain.md reports these.
    std::printf("batch %lld: %lld records, %lld gas\n", static_cast<long long>(b.id),
                static_cast<long long>(b.record_count), static_cast<long long>(*b.gas_used));
  }
  EXPECT_EQ(verify_all(), 5);
  // A changed record's leaf fails against the anchored root.
  const auto tampered = leaf_of(encode(record_of(99)));
  const auto leaves =
      db_->read([](store::Transaction& tx) { return repository::batch_leaves(tx, 1); }).value();
  EXPECT_FALSE(verified_on_chain(1, tampered, eth::merkle::Tree(leaves).proof(0)));
}

TEST_P(AnchorTest, VerifyChecksStoredRecordsOnChainAndCatchesATamperedOne) {
  ASSERT_TRUE(rpc_->call("miner_stop", {}).has_value());
  add_records(0, 5);  // four fill batch 1; delivery-4 waits for the next batch
  auto a = anchorer();
  EXPECT_EQ(a.run_once().value().sent, 1);
  const auto in_pool = only_check("delivery-1");
  EXPECT_EQ(in_pool.outcome, CheckOutcome::pending);
  EXPECT_EQ(in_pool.detail, "batch 1 is not anchored on chain yet");
  ASSERT_TRUE(rpc_->call("miner_start", {}).has_value());
  mine();
  mine();
  EXPECT_EQ(a.run_once().value().confirmed, 1);
  const auto verified = only_check("delivery-1");
  EXPECT_EQ(verified.outcome, CheckOutcome::verified) << verified.detail;
  EXPECT_EQ(verified.milestone, "created");
  EXPECT_EQ(verified.batch_id, 1U);
  const auto cli_verified = run_verify("delivery-1");
  EXPECT_EQ(cli_verified.exit_code, 0) << cli_verified.output;
  EXPECT_NE(cli_verified.output.find("1 verified, 0 pending, 0 failed"), std::string::npos)
      << cli_verified.output;
  EXPECT_EQ(run_verify("delivery-4").exit_code, 3);  // not anchored yet
  const auto waiting = only_check("delivery-4");
  EXPECT_EQ(waiting.outcome, CheckOutcome::pending);
  EXPECT_EQ(waiting.detail, "not in a batch yet");
  // The stored record changed after anchoring (its stored leaf left as it was).
  auto tampered = record_of(2);
  tampered.at_us += 60'000'000;
  ASSERT_TRUE(db_->write([&](store::Transaction& tx) -> Status {
    RF_TRY(n, tx.exec("UPDATE chain_records SET record = $1 WHERE delivery_id = 'delivery-2'",
                      {eth::to_hex(encode(tampered))}));
    return {};
  }));
  const auto caught = only_check("delivery-2");
  EXPECT_EQ(caught.outcome, CheckOutcome::failed);
  EXPECT_NE(caught.detail.find("does not lead to the root anchored for batch 1"), std::string::npos)
      << caught.detail;
  const auto cli_caught = run_verify("delivery-2");
  EXPECT_EQ(cli_caught.exit_code, 1) << cli_caught.output;
  EXPECT_NE(cli_caught.output.find("FAILED"), std::string::npos) << cli_caught.output;
  // Another delivery's genuine proof offered for this one.
  const auto swapped =
      verify_proof_of_record(verification_of("delivery-3"), "delivery-0", *rpc_).value();
  EXPECT_EQ(swapped.milestones.at(0).outcome, CheckOutcome::failed);
  EXPECT_EQ(swapped.milestones.at(0).detail, "the record is about delivery delivery-3");
  // A proof naming another chain than the node serves.
  auto elsewhere = verification_of("delivery-1");
  elsewhere.as_object()["chain_id"] = 137;
  const auto refused = verify_proof_of_record(elsewhere, "delivery-1", *rpc_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::conflict);
}

TEST_P(AnchorTest, ARestartedAnchorerKeepsItsNoncesAndSendsNothingTwice) {
  const auto start_nonce = rpc_->transaction_count(signer_.address(), "latest").value();
  ASSERT_TRUE(rpc_->call("miner_stop", {}).has_value());
  add_records(0, 8);
  {
    auto before_restart = anchorer();
    const auto pass = before_restart.run_once().value();
    EXPECT_EQ(pass.sealed, 2);
    EXPECT_EQ(pass.sent, 2);  // two batches in flight at once, nonces n and n + 1
  }
  const auto sent = batches();
  EXPECT_EQ(sent.at(0).nonce, static_cast<std::int64_t>(start_nonce));
  EXPECT_EQ(sent.at(1).nonce, static_cast<std::int64_t>(start_nonce + 1));
  // The process restarts (a new anchorer over the same database) while both are pending.
  auto after_restart = anchorer();
  EXPECT_EQ(after_restart.run_once().value().sent, 0);  // the node knows both: nothing re-sent
  ASSERT_TRUE(rpc_->call("miner_start", {}).has_value());
  mine();
  mine();
  EXPECT_EQ(after_restart.run_once().value().confirmed, 2);
  EXPECT_EQ(rpc_->transaction_count(signer_.address(), "latest").value(), start_nonce + 2);
  EXPECT_EQ(verify_all(), 8);
  // The account's next nonce follows the chain: a third batch takes n + 2.
  add_records(8, 12);
  EXPECT_EQ(after_restart.run_once().value().sent, 1);
  EXPECT_EQ(batches().at(2).nonce, static_cast<std::int64_t>(start_nonce + 2));
}

TEST_P(AnchorTest, ATransactionTheNodeLostIsSentAgainAndAnchoredOnce) {
  ASSERT_TRUE(rpc_->call("miner_stop", {}).has_value());
  add_records(0, 4);
  auto a = anchorer();
  EXPECT_EQ(a.run_once().value().sent, 1);
  // The node restarts mid-batch: its pool, and the pending transaction in it, are gone.
  restart_node();
  auto after_restart = anchorer();
  const auto pass = after_restart.run_once().value();
  EXPECT_EQ(pass.sent, 1);  // the stored transaction, broadcast again as it was
  mine();
  mine();
  EXPECT_EQ(after_restart.run_once().value().confirmed, 1);
  const auto batch = batches().at(0);
  EXPECT_EQ(batch.state, "confirmed");
  EXPECT_EQ(batch.attempts, 1);
  EXPECT_EQ(verify_all(), 4);
}

TEST_P(AnchorTest, AStuckTransactionIsReplacedWithBumpedFeesAndOnlyOneIsMined) {
  ASSERT_TRUE(rpc_->call("miner_stop", {}).has_value());
  add_records(0, 4);
  auto a = anchorer();
  EXPECT_EQ(a.run_once().value().sent, 1);
  clock_.advance(policy_.resend_after);
  EXPECT_EQ(a.run_once().value().sent, 1);  // the replacement: same nonce, higher fees
  const auto txs =
      db_->read([](store::Transaction& tx) { return repository::transactions(tx, 1); }).value();
  ASSERT_EQ(txs.size(), 2U);
  EXPECT_EQ(txs[0].nonce, txs[1].nonce);
  EXPECT_GT(txs[1].max_fee_per_gas, txs[0].max_fee_per_gas);
  EXPECT_GT(txs[1].max_priority_fee_per_gas, txs[0].max_priority_fee_per_gas);
  ASSERT_TRUE(rpc_->call("miner_start", {}).has_value());
  mine();
  mine();
  EXPECT_EQ(a.run_once().value().confirmed, 1);
  const auto batch = batches().at(0);
  EXPECT_EQ(batch.tx_hash, eth::to_hex(txs[1].hash));
  EXPECT_FALSE(rpc_->receipt(txs[0].hash).value().has_value());  // replaced, never mined
  EXPECT_EQ(verify_all(), 4);
}

TEST_P(AnchorTest, AnRpcErrorEndsThePassAndTheNextPassRecovers) {
  add_records(0, 4);
  auto a = anchorer();
  node_->stop();
  const auto failed = a.run_once();
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, ErrorCode::unavailable);
  EXPECT_EQ(batches().at(0).state, "sealed");  // sealed before the node was asked anything
  restart_node();
  auto recovered = anchorer();
  EXPECT_EQ(recovered.run_once().value().sent, 1);
  mine();
  EXPECT_EQ(recovered.run_once().value().confirmed, 1);
}

TEST_P(AnchorTest, ABatchWhoseTransactionsRevertIsSentAgainThenFails) {
  // An account the registry does not know: its anchorBatch reverts with NotAnchor.
  const auto outsider = eth::Signer::from_secret(eth::keccak256(std::string_view{"outsider"}));
  ASSERT_TRUE(outsider.has_value());
  fund(outsider->address());
  policy_.reverts_max = 2;
  policy_.confirmations = 1;
  add_records(0, 4);
  Anchorer a{*db_, rpc_.get(), &*outsider, policy_, clock_.clock()};
  EXPECT_EQ(a.run_once().value().sent, 1);
  EXPECT_EQ(a.run_once().value().sent, 1);  // reverted: sealed again and sent with a new nonce
  auto batch = batches().at(0);
  EXPECT_EQ(batch.reverts, 1);
  EXPECT_EQ(batch.state, "sent");
  EXPECT_EQ(a.run_once().value().sent, 0);  // reverted again: failed, not sent a third time
  batch = batches().at(0);
  EXPECT_EQ(batch.state, "failed");
  EXPECT_EQ(batch.reverts, 2);
  EXPECT_NE(batch.last_error.value_or("").find("reverted in block"), std::string::npos);
  EXPECT_EQ(a.run_once().value().sent, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, AnchorTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::chain

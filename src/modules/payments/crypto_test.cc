// Stablecoin payments on both engines against a real local EVM node (ganache from npm, started on
// 127.0.0.1 by scripts/ganache.sh) with a test ERC-20 deployed here: a payment of the exact
// amount authorizes only once its transfer has the configured confirmations; an underpayment
// waits for the rest and an overpayment goes back at capture; a reorg shallower than the
// confirmations never counts; a restarted watcher resumes from the last scanned block; a refund
// is a token transfer from the treasury and the ledger check stays clean; an unpaid deposit
// expires and what it received goes back; closed deposits are swept to the treasury, a restart
// in the middle sending nothing twice; the token's symbol and decimals come from its contract.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "crypto_provider.h"
#include "reskflow/chain/eth/abi.h"
#include "reskflow/chain/nonces.h"
#include "reskflow/testing/evm_node.h"
#include "reskflow/testing/paths.h"
#include "test_fixture.h"

namespace reskflow::payments::testing {
namespace {

namespace fs = std::filesystem;
namespace eth = chain::eth;
using crypto::Units;

constexpr std::int64_t confirmations = 3;
constexpr Units usd = 1'000'000;  // the test token's units per dollar

eth::Signer signer_of(char digit) {
  return eth::Signer::from_secret(*eth::word_from_hex(std::string(64, digit))).value();
}

class CryptoPaymentsTest : public PaymentsFixture {
 protected:
  static void SetUpTestSuite() { evm_ = std::make_unique<reskflow::testing::EvmNode>("crypto"); }
  static void TearDownTestSuite() { evm_.reset(); }

  void SetUp() override {
    PaymentsFixture::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    ASSERT_FALSE(evm_->url().empty()) << "the local EVM node did not start";
    const std::vector<store::MigrationSet> sets{chain::nonces::migrations(),
                                                {"payments", reskflow_migrations_payments()}};
    ASSERT_TRUE(store::migrate(db(), sets));
    rpc_ = &evm_->rpc();
    const auto deployed =
        evm_->send(funded_, std::nullopt,
                   reskflow::testing::contract_bytecode(fs::path(RESKFLOW_TEST_CONTRACTS_DIR) /
                                                        "TestStablecoin.bin"));
    ASSERT_TRUE(deployed && deployed->contract_address)
        << "build the reskflow_test_contracts target first";
    token_ = *deployed->contract_address;
    for (const auto* account : {&payer_, &treasury_}) {
      ASSERT_TRUE(evm_->send(funded_, account->address(), {}, 1'000'000'000'000'000'000));  // gas
      call_token(funded_, "mint(address,uint256)", account->address(), 1'000 * usd);
    }
    settings_.rpc_url = evm_->url();
    settings_.chain_id = reskflow::testing::evm_chain_id;
    settings_.token = eth::to_hex(token_);
    settings_.confirmations = confirmations;
    settings_.max_fee_per_gas_wei = 100'000'000'000;
    settings_.priority_fee_min_wei = 1'000'000'000;
    start_module();
  }

  // The payments module with the stablecoin provider (again, after a restart).
  void start_module() {
    module.reset();
    auto crypto = std::make_unique<CryptoProvider>(
        settings_, db(), *eth::word_from_hex(std::string(64, '3')), signer_of('2'), clock.clock());
    PaymentsSettings settings;
    settings.crypto = settings_;
    module = std::make_unique<PaymentsModuleImpl>(
        platform(), ledger_module->ledger(), std::make_unique<TestProvider>(db(), clock.clock()),
        settings, clock.clock(), std::move(crypto));
  }

  void call_token(const eth::Signer& from, std::string_view function, const eth::Address& to,
                  Units units) {
    ASSERT_TRUE(evm_->send(
        from, token_,
        eth::abi::encode_call(eth::abi::selector(function), {to, crypto::units_word(units)})));
  }

  // The payer sends `units` of the token to `address`.
  void pay(const std::string& address, Units units) {
    call_token(payer_, "transfer(address,uint256)", *eth::address_from_hex(address), units);
  }

  Units token_balance(const eth::Address& account) {
    const auto answer = rpc_->call_contract(
        token_, eth::abi::encode_call(eth::abi::selector("balanceOf(address)"), {account}));
    return crypto::units_from_word(eth::abi::decode_words(answer.value()).value().at(0)).value();
  }

  void mine(int blocks = 1) { ASSERT_TRUE(evm_->mine(blocks)); }

  crypto::WatchReport watch() {
    auto report = module->watch_once();
    EXPECT_TRUE(report) << report.error().detail;
    return report.value_or(crypto::WatchReport{});
  }

  Intent checkout(const std::string& order, std::int64_t amount_minor = 2500) {
    auto intent = payments().authorize(
        {order, ada, luigi, {amount_minor, "USD"}, std::string(crypto::payment_method)});
    EXPECT_TRUE(intent) << intent.error().detail;
    return intent.value_or(Intent{});
  }

  crypto::DepositView deposit_of(const Intent& intent) {
    const auto stored = module->service().stored_for(intent.id, {ada, false}).value();
    return crypto_provider().deposit_view(stored.provider_ref).value();
  }

  CryptoProvider& crypto_provider() { return *module->crypto(); }

  IntentStatus status_of(const Intent& intent) { return payments().intent(intent.id)->status; }

  std::int64_t usd_balance(ledger::AccountKind kind, const std::string& owner = {}) {
    return ledger_module->ledger().balance({kind, owner}, "USD")->amount_minor;
  }

  crypto::SweepReport sweep() {
    auto report = module->sweep_once();
    EXPECT_TRUE(report) << report.error().detail;
    return report.value_or(crypto::SweepReport{});
  }

  std::uint64_t nonce_of(const eth::Address& account) {
    return rpc_->transaction_count(account, "latest").value();
  }

  eth::Address address_of(const Intent& intent) {
    return *eth::address_from_hex(deposit_of(intent).deposit.address);
  }

  // A paid deposit of `units`, captured whole.
  Intent captured(const std::string& order, Units units) {
    const auto intent = checkout(order, static_cast<std::int64_t>(units / 10'000));
    pay(deposit_of(intent).deposit.address, units);
    mine(static_cast<int>(confirmations));
    watch();
    const auto amount = static_cast<std::int64_t>(units / 10'000);
    EXPECT_TRUE(payments().capture(intent.id, {amount, "USD"},
                                   {{amount, "USD"}, {0, "USD"}, {0, "USD"}, {0, "USD"}}));
    return intent;
  }

  // Sends what is queued, mines the confirmations, and counts them.
  void settle_payouts() {
    watch();
    mine(static_cast<int>(confirmations));
    watch();
  }

  static std::unique_ptr<reskflow::testing::EvmNode> evm_;
  eth::RpcClient* rpc_ = nullptr;
  eth::Signer funded_ =
      eth::Signer::from_secret(*eth::word_from_hex(reskflow::testing::evm_funded_key)).value();
  eth::Signer payer_ = signer_of('1');
  eth::Signer treasury_ = signer_of('2');
  eth::Address token_{};
  CryptoSettings settings_;
};

std::unique_ptr<reskflow::testing::EvmNode> CryptoPaymentsTest::evm_;

TEST_P(CryptoPaymentsTest, AnExactPaymentAuthorizesOnceItsTransferHasTheConfirmations) {
  const auto intent = checkout("order-1");
  EXPECT_EQ(intent.status, IntentStatus::requires_action);
  const auto deposit = deposit_of(intent);
  EXPECT_EQ(intent.challenge_url, "ethereum:" + eth::to_hex(token_) + "@1337/transfer?address=" +
                                      deposit.deposit.address + "&uint256=25000000");
  EXPECT_EQ(deposit.deposit.amount_units, 25 * usd);
  EXPECT_EQ(deposit.deposit.expires_at_us, clock.now_us() + 900'000'000);

  pay(deposit.deposit.address, 25 * usd);  // mined: one confirmation
  EXPECT_EQ(watch().transfers_counted, 0);
  mine(static_cast<int>(confirmations) - 2);
  watch();
  EXPECT_EQ(status_of(intent), IntentStatus::requires_action);
  mine();
  const auto report = watch();
  EXPECT_EQ(report.transfers_counted, 1);
  EXPECT_EQ(report.deposits_paid, 1);
  EXPECT_EQ(status_of(intent), IntentStatus::authorized);
  EXPECT_EQ(published().back().first, "payments.intent.authorized");  // orders places the order
  EXPECT_EQ(deposit_of(intent).deposit.payer_address, eth::to_hex(payer_.address()));

  const Settlement settlement{{1900, "USD"}, {250, "USD"}, {150, "USD"}, {200, "USD"}};
  ASSERT_TRUE(payments().capture(intent.id, {2500, "USD"}, settlement));
  EXPECT_EQ(usd_balance(ledger::AccountKind::processor_clearing), 2500);
  EXPECT_EQ(usd_balance(ledger::AccountKind::merchant_payable, luigi), -1900);  // a credit
  EXPECT_TRUE(deposit_of(intent).payouts.empty());  // it kept all it received
  EXPECT_TRUE(check(db())->empty());
}

TEST_P(CryptoPaymentsTest, AnUnderpaymentWaitsForTheRestAndTheExcessGoesBackAtCapture) {
  const auto intent = checkout("order-1");
  const auto address = deposit_of(intent).deposit.address;
  const auto payer_before = token_balance(payer_.address());
  pay(address, 10 * usd);
  mine(static_cast<int>(confirmations));
  watch();
  EXPECT_EQ(status_of(intent), IntentStatus::requires_action);
  EXPECT_EQ(deposit_of(intent).deposit.received_units, 10 * usd);  // 15 USD missing

  pay(address, 20 * usd);
  mine(static_cast<int>(confirmations));
  EXPECT_EQ(watch().deposits_paid, 1);
  EXPECT_EQ(status_of(intent), IntentStatus::authorized);
  EXPECT_EQ(deposit_of(intent).deposit.received_units, 30 * usd);  // 5 USD over

  const Settlement settlement{{2000, "USD"}, {0, "USD"}, {0, "USD"}, {0, "USD"}};
  ASSERT_TRUE(payments().capture(intent.id, {2000, "USD"}, settlement));  // the order shrank
  settle_payouts();
  const auto payouts = deposit_of(intent).payouts;
  ASSERT_EQ(payouts.size(), 1U);
  EXPECT_EQ(payouts[0].kind, "return");
  EXPECT_EQ(payouts[0].units, 10 * usd);
  EXPECT_EQ(payouts[0].state, "confirmed");
  EXPECT_EQ(token_balance(payer_.address()), payer_before - 20 * usd);
  EXPECT_TRUE(check(db())->empty());
}

TEST_P(CryptoPaymentsTest, AReorgShallowerThanTheConfirmationsIsNeverCounted) {
  const auto intent = checkout("order-1");
  const auto address = deposit_of(intent).deposit.address;
  const auto snapshot = rpc_->call("evm_snapshot", {}).value();
  pay(address, 25 * usd);
  mine(static_cast<int>(confirmations) - 2);
  watch();
  // The transfer's blocks are replaced by a chain without it.
  ASSERT_TRUE(rpc_->call("evm_revert", {snapshot}).value().as_bool());
  mine(static_cast<int>(confirmations) + 1);
  EXPECT_EQ(watch().transfers_counted, 0);
  EXPECT_EQ(status_of(intent), IntentStatus::requires_action);
  EXPECT_EQ(deposit_of(intent).deposit.received_units, 0U);
}

TEST_P(CryptoPaymentsTest, ARestartedWatcherResumesFromTheLastScannedBlock) {
  const auto first = checkout("order-1");
  pay(deposit_of(first).deposit.address, 25 * usd);
  mine(static_cast<int>(confirmations));
  watch();
  EXPECT_EQ(status_of(first), IntentStatus::authorized);
  const auto scanned = [&] { return count("SELECT last_block FROM payments_crypto_scans"); };
  const auto before_restart = scanned();

  // A second payment is mined while the server is down, then the server starts again.
  const auto second = checkout("order-2");
  pay(deposit_of(second).deposit.address, 25 * usd);
  start_module();
  EXPECT_EQ(scanned(), before_restart);
  mine(static_cast<int>(confirmations));
  const auto report = watch();
  EXPECT_EQ(report.transfers_counted, 1);  // the second only: the first is not counted again
  EXPECT_EQ(status_of(second), IntentStatus::authorized);
  EXPECT_EQ(deposit_of(first).deposit.received_units, 25 * usd);
  EXPECT_EQ(count("SELECT COUNT(*) FROM payments_crypto_receipts"), 2);
  EXPECT_EQ(scanned(), static_cast<std::int64_t>(rpc_->block_number().value()) + 1 - confirmations);
}

TEST_P(CryptoPaymentsTest, ARefundIsATokenTransferFromTheTreasuryAndTheLedgerStaysBalanced) {
  const auto intent = checkout("order-1");
  pay(deposit_of(intent).deposit.address, 25 * usd);
  mine(static_cast<int>(confirmations));
  watch();
  const Settlement settlement{{1900, "USD"}, {250, "USD"}, {150, "USD"}, {200, "USD"}};
  ASSERT_TRUE(payments().capture(intent.id, {2500, "USD"}, settlement));
  const auto payer_before = token_balance(payer_.address());
  const auto treasury_before = token_balance(treasury_.address());

  const auto refunded = payments().refund(intent.id, {1000, "USD"}, "cold pizza");
  ASSERT_TRUE(refunded) << refunded.error().detail;
  EXPECT_EQ(refunded->status, IntentStatus::partially_refunded);
  settle_payouts();
  const auto payouts = deposit_of(intent).payouts;
  ASSERT_EQ(payouts.size(), 1U);
  EXPECT_EQ(payouts[0].kind, "refund");
  EXPECT_EQ(payouts[0].state, "confirmed");
  EXPECT_EQ(token_balance(payer_.address()), payer_before + 10 * usd);
  EXPECT_EQ(token_balance(treasury_.address()), treasury_before - 10 * usd);
  // A retried refund moves nothing more.
  ASSERT_TRUE(payments().refund(intent.id, {1000, "USD"}, "cold pizza"));
  settle_payouts();
  EXPECT_EQ(token_balance(payer_.address()), payer_before + 10 * usd);
  EXPECT_EQ(usd_balance(ledger::AccountKind::processor_clearing), 1500);
  EXPECT_TRUE(check(db())->empty());
  EXPECT_TRUE(ledger::check(db())->empty());
}

TEST_P(CryptoPaymentsTest, AnUnpaidDepositExpiresAndWhatItReceivedGoesBack) {
  const auto intent = checkout("order-1");
  const auto payer_before = token_balance(payer_.address());
  pay(deposit_of(intent).deposit.address, 10 * usd);
  mine(static_cast<int>(confirmations));
  watch();
  clock.advance(std::chrono::seconds(901));
  EXPECT_EQ(watch().deposits_expired, 1);
  const auto failed = payments().intent(intent.id).value();
  EXPECT_EQ(failed.status, IntentStatus::failed);
  EXPECT_EQ(failed.decline_reason, crypto::expired_reason);
  EXPECT_EQ(published().back().first, "payments.intent.failed");  // orders cancels the order
  settle_payouts();
  EXPECT_EQ(token_balance(payer_.address()), payer_before);
  // A transfer arriving after the deposit closed goes back too.
  pay(deposit_of(intent).deposit.address, 3 * usd);
  mine(static_cast<int>(confirmations));
  watch();
  settle_payouts();
  EXPECT_EQ(token_balance(payer_.address()), payer_before);
  EXPECT_EQ(deposit_of(intent).payouts.size(), 2U);
}

TEST_P(CryptoPaymentsTest, ClosedDepositsAreSweptToTheTreasuryAndRefundsStillWork) {
  settings_.sweep_enabled = true;
  settings_.sweep_threshold = {500, settings_.currency};  // 5 USD
  start_module();
  const auto kept = captured("order-1", 25 * usd);
  const auto late = checkout("order-2", 2000);
  const auto small = checkout("order-3", 2000);
  pay(deposit_of(late).deposit.address, 10 * usd);
  pay(deposit_of(small).deposit.address, 3 * usd);
  mine(static_cast<int>(confirmations));
  watch();
  clock.advance(std::chrono::seconds(901));  // both expire: what they received goes back
  watch();
  settle_payouts();
  const auto treasury_before = token_balance(treasury_.address());
  const auto treasury_nonce = nonce_of(treasury_.address());

  auto report = sweep();
  EXPECT_EQ(report.planned, 3);
  EXPECT_EQ(report.skipped, 1);  // 3 USD: below the threshold, left where it is
  EXPECT_EQ(report.fundings_sent, 2);
  EXPECT_EQ(report.pending, 2);
  mine(static_cast<int>(confirmations));
  EXPECT_EQ(sweep().sweeps_sent, 2);
  mine(static_cast<int>(confirmations));
  report = sweep();
  EXPECT_EQ(report.swept, 2);
  EXPECT_EQ(report.swept_units, 35 * usd);
  EXPECT_EQ(report.pending, 0);

  EXPECT_EQ(token_balance(treasury_.address()), treasury_before + 35 * usd);
  EXPECT_EQ(token_balance(address_of(kept)), 0U);
  EXPECT_EQ(token_balance(address_of(late)), 0U);
  EXPECT_EQ(token_balance(address_of(small)), 3 * usd);
  EXPECT_EQ(nonce_of(treasury_.address()), treasury_nonce + 2);  // one funding per sweep
  const auto view = deposit_of(kept);
  ASSERT_TRUE(view.sweep.has_value());
  EXPECT_EQ(view.sweep->state, "swept");
  EXPECT_EQ(view.sweep->units, 25 * usd);
  EXPECT_EQ(deposit_of(small).sweep->state, "skipped");
  EXPECT_EQ(sweep().planned, 0);  // nothing new

  // A refund is paid from the treasury as before.
  const auto payer_before = token_balance(payer_.address());
  ASSERT_TRUE(payments().refund(kept.id, {1000, "USD"}, "cold pizza"));
  settle_payouts();
  EXPECT_EQ(token_balance(payer_.address()), payer_before + 10 * usd);
  EXPECT_TRUE(check(db())->empty());
  EXPECT_TRUE(ledger::check(db())->empty());
}

TEST_P(CryptoPaymentsTest, ASweepInterruptedByRestartsFinishesWithoutSendingTwice) {
  settings_.sweep_enabled = true;
  start_module();
  const auto kept = captured("order-1", 25 * usd);
  const auto treasury_before = token_balance(treasury_.address());
  const auto treasury_nonce = nonce_of(treasury_.address());
  EXPECT_EQ(sweep().fundings_sent, 1);

  start_module();  // down between the funding and the sweep
  mine(static_cast<int>(confirmations));
  auto report = sweep();
  EXPECT_EQ(report.fundings_sent, 0);
  EXPECT_EQ(report.sweeps_sent, 1);

  start_module();  // down again before the sweep had its confirmations
  mine(static_cast<int>(confirmations));
  report = sweep();
  EXPECT_EQ(report.sweeps_sent, 0);
  EXPECT_EQ(report.swept, 1);
  EXPECT_EQ(token_balance(treasury_.address()), treasury_before + 25 * usd);
  EXPECT_EQ(token_balance(address_of(kept)), 0U);
  EXPECT_EQ(nonce_of(treasury_.address()), treasury_nonce + 1);  // funded once
  EXPECT_EQ(nonce_of(address_of(kept)), 1U);                     // swept once
}

TEST_P(CryptoPaymentsTest, TheTokensSymbolAndDecimalsComeFromItsContract) {
  const auto facts = crypto_provider().token();
  ASSERT_TRUE(facts) << facts.error().detail;
  EXPECT_EQ(facts->symbol, "TUSD");
  EXPECT_EQ(facts->decimals, 6);

  // A configured symbol is what payers see (the difference is logged).
  settings_.symbol = "USDC";
  start_module();
  EXPECT_EQ(crypto_provider().token()->symbol, "USDC");

  // Configured decimals that are not the token's refuse the start.
  const reskflow::testing::TempDir dir;
  for (const auto& [name, digit] : {std::pair{"master", '3'}, std::pair{"treasury", '2'}}) {
    const auto path = dir.path() / name;
    std::ofstream(path) << std::string(64, digit);
    ::chmod(path.c_str(), S_IRUSR | S_IWUSR);
  }
  settings_.master_key_file = (dir.path() / "master").string();
  settings_.treasury_key_file = (dir.path() / "treasury").string();
  settings_.decimals = 18;
  const auto refused = CryptoProvider::open(settings_, db(), clock.clock());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(refused.error().detail, "RESKFLOW_PAYMENTS_CRYPTO_TOKEN_DECIMALS is 18 but the token " +
                                        settings_.token +
                                        " has 6 decimals: correct the setting or remove it");
  settings_.decimals = 6;
  EXPECT_TRUE(CryptoProvider::open(settings_, db(), clock.clock()));
  // A node out of reach at start-up: the token is read at the first use.
  settings_.rpc_url = "http://127.0.0.1:1";
  EXPECT_TRUE(CryptoProvider::open(settings_, db(), clock.clock()));
}

INSTANTIATE_TEST_SUITE_P(Engines, CryptoPaymentsTest, RESKFLOW_ALL_ENGINES,
                         store::testing::engine_test_name);

}  // namespace
}  // namespace reskflow::payments::testing

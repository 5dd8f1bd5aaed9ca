// RESKFLOW_PAYMENTS_CRYPTO_*: what start-up refuses (a token that is no address, decimals below
// the currency's cents, missing key files, a sweep switch that is not 0 or 1) and key files that
// others may read, whose errors never show the key; and a payment in another currency than the
// token's, refused before any chain call.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

#include "crypto_provider.h"
#include "reskflow/modules/clock.h"
#include "reskflow/testing/paths.h"
#include "settings.h"

namespace reskflow::payments {
namespace {

std::map<std::string, std::string> crypto_environment() {
  return {{"RESKFLOW_PAYMENTS_CRYPTO_RPC_URL", "http://127.0.0.1:8545"},
          {"RESKFLOW_PAYMENTS_CRYPTO_TOKEN", "0x3c499c542cef5e3811e1192ce70d8cc03d5c3359"},
          {"RESKFLOW_PAYMENTS_CRYPTO_MASTER_KEY_FILE", "/run/secrets/master"},
          {"RESKFLOW_PAYMENTS_CRYPTO_TREASURY_KEY_FILE", "/run/secrets/treasury"}};
}

std::vector<std::string> refused_fields(const std::map<std::string, std::string>& environment) {
  auto loaded = load_settings(environment);
  EXPECT_FALSE(loaded);
  std::vector<std::string> out;
  if (!loaded)
    for (const auto& f : loaded.error().fields) out.push_back(f.field);
  return out;
}

TEST(CryptoSettings, AreOffWithoutAnRpcUrlAndReadWithOne) {
  EXPECT_FALSE(load_settings({})->crypto.enabled());
  const auto loaded = load_settings(crypto_environment());
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_TRUE(loaded->crypto.enabled());
  EXPECT_EQ(loaded->crypto.currency, "USD");
  EXPECT_EQ(loaded->crypto.decimals, std::nullopt);  // the token's, read from the chain
  EXPECT_FALSE(loaded->crypto.sweep_enabled);
  EXPECT_EQ(loaded->crypto.confirmations, 20);
  EXPECT_EQ(loaded->crypto.symbol, "");
}

TEST(CryptoSettings, RefuseWhatCannotWork) {
  auto environment = crypto_environment();
  environment["RESKFLOW_PAYMENTS_CRYPTO_TOKEN"] = "usdc";
  environment["RESKFLOW_PAYMENTS_CRYPTO_TOKEN_SYMBOL"] = "US DC";
  environment["RESKFLOW_PAYMENTS_CRYPTO_TOKEN_DECIMALS"] = "1";
  environment.erase("RESKFLOW_PAYMENTS_CRYPTO_TREASURY_KEY_FILE");
  EXPECT_EQ(refused_fields(environment),
            (std::vector<std::string>{"RESKFLOW_PAYMENTS_CRYPTO_TOKEN",
                                      "RESKFLOW_PAYMENTS_CRYPTO_TOKEN_SYMBOL",
                                      "RESKFLOW_PAYMENTS_CRYPTO_TOKEN_DECIMALS",
                                      "RESKFLOW_PAYMENTS_CRYPTO_TREASURY_KEY_FILE"}));
}

TEST(CryptoSettings, ReadTheTokensDecimalsAndTheSweepWhenSet) {
  auto environment = crypto_environment();
  environment["RESKFLOW_PAYMENTS_CRYPTO_TOKEN_DECIMALS"] = "6";
  environment["RESKFLOW_PAYMENTS_CRYPTO_SWEEP_ENABLED"] = "1";
  environment["RESKFLOW_PAYMENTS_CRYPTO_SWEEP_THRESHOLD_MINOR"] = "2500";
  environment["RESKFLOW_PAYMENTS_CRYPTO_SWEEP_INTERVAL_S"] = "60";
  const auto loaded = load_settings(environment);
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_EQ(loaded->crypto.decimals, 6);
  EXPECT_TRUE(loaded->crypto.sweep_enabled);
  EXPECT_EQ(loaded->crypto.sweep_threshold, (modules::Money{2500, loaded->crypto.currency}));
  EXPECT_EQ(loaded->crypto.sweep_interval_s, std::chrono::seconds(60));
  environment["RESKFLOW_PAYMENTS_CRYPTO_SWEEP_ENABLED"] = "yes";
  EXPECT_EQ(refused_fields(environment),
            std::vector<std::string>{"RESKFLOW_PAYMENTS_CRYPTO_SWEEP_ENABLED"});
}

TEST(CryptoSettings, RefuseAKeyFileOthersMayReadWithoutShowingTheKey) {
  const testing::TempDir dir;
  const auto secret = std::string(64, '3');
  const auto write = [&](const std::string& name, mode_t mode) {
    const auto path = (dir.path() / name).string();
    std::ofstream(path) << secret;
    ::chmod(path.c_str(), mode);
    return path;
  };
  CryptoSettings settings = load_settings(crypto_environment())->crypto;
  settings.master_key_file = write("master", S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH);
  settings.treasury_key_file = write("treasury", S_IRUSR | S_IWUSR);
  auto db = store::Database::open("sqlite::memory:");
  ASSERT_TRUE(db);
  const auto opened = CryptoProvider::open(settings, **db, modules::system_clock());
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().detail.find("stablecoin master key file"), std::string::npos);
  EXPECT_NE(opened.error().detail.find("chmod 600"), std::string::npos);
  EXPECT_EQ(opened.error().detail.find(secret), std::string::npos);
  ::chmod(settings.master_key_file.c_str(), S_IRUSR | S_IWUSR);
  EXPECT_TRUE(CryptoProvider::open(settings, **db, modules::system_clock()));
}

TEST(CryptoSettings, AnOrderInAnotherCurrencyThanTheTokensIsRefused) {
  auto db = store::Database::open("sqlite::memory:");
  ASSERT_TRUE(db);
  // No node listens there: the refusal comes first.
  auto settings = load_settings(crypto_environment())->crypto;
  settings.rpc_url = "http://127.0.0.1:1";
  CryptoProvider provider(
      settings, **db, *chain::eth::word_from_hex(std::string(64, '3')),
      chain::eth::Signer::from_secret(*chain::eth::word_from_hex(std::string(64, '2'))).value(),
      modules::system_clock());
  const auto refused = provider.authorize(
      {{2500, "EUR"}, std::string(crypto::payment_method), "authorize:o1:ada:0", "order o1"});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::validation_failed);
  EXPECT_EQ(refused.error().detail, "the stablecoin stands for USD; this order is in EUR");
}

}  // namespace
}  // namespace reskflow::payments

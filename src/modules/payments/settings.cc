// RESKFLOW_PAYMENTS_* settings with their bounds.
#include "settings.h"

#include <algorithm>

#include "crypto_units.h"
#include "reskflow/chain/eth/bytes.h"
#include "reskflow/modules/money.h"
#include "reskflow/modules/settings.h"

namespace reskflow::payments {
namespace {

constexpr std::int64_t gwei = 1'000'000'000;

void read_crypto(modules::Settings& s, CryptoSettings& c) {
  c.rpc_url = s.text("CRYPTO_RPC_URL", "");
  c.rpc_timeout_ms = std::chrono::milliseconds(
      s.integer("CRYPTO_RPC_TIMEOUT_MS", c.rpc_timeout_ms.count(), 100, 120'000));
  c.chain_id = static_cast<std::uint64_t>(
      s.integer("CRYPTO_CHAIN_ID", static_cast<std::int64_t>(c.chain_id), 1, 1'000'000'000'000));
  c.token = s.text("CRYPTO_TOKEN", "");
  c.currency = s.text("CRYPTO_CURRENCY", c.currency);
  c.symbol = s.text("CRYPTO_TOKEN_SYMBOL", "");
  // -1, below the range: not set (the token's own is used).
  if (const auto decimals = s.integer("CRYPTO_TOKEN_DECIMALS", -1, 0, crypto::token_decimals_max);
      decimals >= 0)
    c.decimals = static_cast<int>(decimals);
  c.master_key_file = s.text("CRYPTO_MASTER_KEY_FILE", "");
  c.treasury_key_file = s.text("CRYPTO_TREASURY_KEY_FILE", "");
  c.confirmations = s.integer("CRYPTO_CONFIRMATIONS", c.confirmations, 1, 1'000);
  c.deposit_ttl_s =
      std::chrono::seconds(s.integer("CRYPTO_DEPOSIT_TTL_S", c.deposit_ttl_s.count(), 5, 86'400));
  c.late_watch_s = std::chrono::seconds(
      s.integer("CRYPTO_LATE_WATCH_S", c.late_watch_s.count(), 0, std::int64_t{30} * 86'400));
  c.scan_blocks_max = s.integer("CRYPTO_SCAN_BLOCKS_MAX", c.scan_blocks_max, 1, 100'000);
  c.interval_ms = std::chrono::milliseconds(
      s.integer("CRYPTO_INTERVAL_MS", c.interval_ms.count(), 10, 3'600'000));
  c.gas_limit = static_cast<std::uint64_t>(
      s.integer("CRYPTO_GAS_LIMIT", static_cast<std::int64_t>(c.gas_limit), 21'000, 10'000'000));
  c.max_fee_per_gas_wei = static_cast<std::uint64_t>(
      s.integer("CRYPTO_MAX_FEE_PER_GAS_WEI", 500 * gwei, 1, 100'000 * gwei));
  c.priority_fee_min_wei = static_cast<std::uint64_t>(
      s.integer("CRYPTO_PRIORITY_FEE_MIN_WEI", 30 * gwei, 0, 10'000 * gwei));
  c.fee_bump_percent = s.integer("CRYPTO_FEE_BUMP_PERCENT", c.fee_bump_percent, 10, 200);
  c.resend_after_s =
      std::chrono::seconds(s.integer("CRYPTO_RESEND_AFTER_S", c.resend_after_s.count(), 1, 86'400));
  c.sweep_enabled = s.integer("CRYPTO_SWEEP_ENABLED", 0, 0, 1) == 1;
  c.sweep_threshold = {s.integer("CRYPTO_SWEEP_THRESHOLD_MINOR", c.sweep_threshold.amount_minor, 1,
                                 std::int64_t{1'000'000'000'000}),
                       c.currency};
  c.sweep_interval_s = std::chrono::seconds(
      s.integer("CRYPTO_SWEEP_INTERVAL_S", c.sweep_interval_s.count(), 1, 86'400));
}

// What a wallet shows as the token's name: a few letters or digits ("USDC"), or nothing.
bool valid_symbol(std::string_view symbol) {
  return symbol.size() <= 11 && std::ranges::all_of(symbol, [](char ch) {
           return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
         });
}

void check_crypto(const CryptoSettings& c, std::vector<FieldError>& errors) {
  if (!c.enabled()) return;
  if (!c.rpc_url.starts_with("https://") && !c.rpc_url.starts_with("http://"))
    errors.push_back({"RESKFLOW_PAYMENTS_CRYPTO_RPC_URL", "must be an http(s) URL"});
  if (!chain::eth::address_from_hex(c.token) || !c.token.starts_with("0x"))
    errors.push_back({"RESKFLOW_PAYMENTS_CRYPTO_TOKEN", "must be a 0x-prefixed 20-byte address"});
  if (!valid_symbol(c.symbol))
    errors.push_back(
        {"RESKFLOW_PAYMENTS_CRYPTO_TOKEN_SYMBOL", "must be up to 11 letters or digits"});
  if (!modules::valid_currency(c.currency))
    errors.push_back({"RESKFLOW_PAYMENTS_CRYPTO_CURRENCY", "must be an ISO 4217 code"});
  else if (c.decimals && *c.decimals < modules::minor_exponent(c.currency))
    errors.push_back({"RESKFLOW_PAYMENTS_CRYPTO_TOKEN_DECIMALS",
                      "must be at least the currency's minor digits"});
  if (c.master_key_file.empty())
    errors.push_back({"RESKFLOW_PAYMENTS_CRYPTO_MASTER_KEY_FILE",
                      "is required with RESKFLOW_PAYMENTS_CRYPTO_RPC_URL"});
  if (c.treasury_key_file.empty())
    errors.push_back({"RESKFLOW_PAYMENTS_CRYPTO_TREASURY_KEY_FILE",
                      "is required with RESKFLOW_PAYMENTS_CRYPTO_RPC_URL"});
}

}  // namespace

Result<PaymentsSettings> load_settings(const std::map<std::string, std::string>& environment) {
  modules::Settings s("payments", environment);
  PaymentsSettings out;
  out.provider = s.text("PROVIDER", out.provider);
  out.stripe_base_url = s.text("STRIPE_BASE_URL", out.stripe_base_url);
  out.stripe_secret_key = s.text("STRIPE_SECRET_KEY", "");
  out.stripe_webhook_secret = s.text("STRIPE_WEBHOOK_SECRET", "");
  out.stripe_timeout_ms = std::chrono::milliseconds(
      s.integer("STRIPE_TIMEOUT_MS", out.stripe_timeout_ms.count(), 100, 120'000));
  out.webhook_tolerance_s = std::chrono::seconds(
      s.integer("WEBHOOK_TOLERANCE_S", out.webhook_tolerance_s.count(), 1, 86'400));
  read_crypto(s, out.crypto);
  if (auto ok = s.finish(); !ok) return std::unexpected(ok.error());
  std::vector<FieldError> errors;
  check_crypto(out.crypto, errors);
  if (out.provider != "test" && out.provider != "stripe")
    errors.push_back({"RESKFLOW_PAYMENTS_PROVIDER", "must be test or stripe"});
  if (out.provider == "stripe" && out.stripe_secret_key.empty())
    errors.push_back({"RESKFLOW_PAYMENTS_STRIPE_SECRET_KEY", "is required for Stripe"});
  if (out.provider == "stripe" && out.stripe_webhook_secret.empty())
    errors.push_back({"RESKFLOW_PAYMENTS_STRIPE_WEBHOOK_SECRET", "is required for Stripe"});
  if (!out.stripe_base_url.starts_with("https://") && !out.stripe_base_url.starts_with("http://"))
    errors.push_back({"RESKFLOW_PAYMENTS_STRIPE_BASE_URL", "must be an http(s) URL"});
  if (errors.empty()) return out;
  return fail(ErrorCode::validation_failed, "invalid payments settings", std::move(errors));
}

}  // namespace reskflow::payments

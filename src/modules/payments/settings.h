// The payments module's typed settings (RESKFLOW_PAYMENTS_*): which provider takes card money,
// Stripe's address, keys and webhook tolerance when it is Stripe, and the stablecoin provider's
// chain, token, key files and watch policy when it is configured.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "reskflow/core/errors.h"
#include "reskflow/modules/money.h"

namespace reskflow::payments {

// RESKFLOW_PAYMENTS_CRYPTO_* (docs/payments.md, "Stablecoin payments"). Off without an RPC URL.
struct CryptoSettings {
  std::string rpc_url;  // empty: no stablecoin payments
  std::chrono::milliseconds rpc_timeout_ms{10'000};
  std::uint64_t chain_id = 137;
  std::string token;             // the ERC-20 contract, 0x-hex
  std::string currency = "USD";  // what one token stands for
  // What wallets call the token ("USDC") and its decimals: read from the token on chain; when
  // set here too, decimals must match (start-up refuses otherwise) and the symbol shown is this.
  std::string symbol;  // empty: the chain's
  std::optional<int> decimals;
  std::string master_key_file;    // the secret every deposit key is derived from
  std::string treasury_key_file;  // the account refunds are paid from
  std::int64_t confirmations = 20;
  std::chrono::seconds deposit_ttl_s{900};
  std::chrono::seconds late_watch_s{86'400};  // closed deposits are watched this long
  std::int64_t scan_blocks_max = 1'000;       // blocks per eth_getLogs
  std::chrono::milliseconds interval_ms{5'000};
  std::uint64_t gas_limit = 100'000;
  std::uint64_t max_fee_per_gas_wei = 500'000'000'000;
  std::uint64_t priority_fee_min_wei = 30'000'000'000;
  std::int64_t fee_bump_percent = 25;
  std::chrono::seconds resend_after_s{180};
  // Sweeping closed deposits' token to the treasury (docs/payments.md, "Sweeping").
  bool sweep_enabled = false;
  modules::Money sweep_threshold{1'000, "USD"};  // in `currency` (the setting gives minor units)
  std::chrono::seconds sweep_interval_s{600};

  bool enabled() const { return !rpc_url.empty(); }
};

struct PaymentsSettings {
  std::string provider = "test";  // "test" (built in) or "stripe"
  std::string stripe_base_url = "https://api.stripe.com";
  std::string stripe_secret_key;      // never logged
  std::string stripe_webhook_secret;  // never logged
  std::chrono::milliseconds stripe_timeout_ms{10'000};
  std::chrono::seconds webhook_tolerance_s{300};  // how old a signed webhook may be
  CryptoSettings crypto;
};

// Reads RESKFLOW_PAYMENTS_* from `environment`; unknown keys, values out of range, and Stripe
// without its keys are refused.
Result<PaymentsSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::payments

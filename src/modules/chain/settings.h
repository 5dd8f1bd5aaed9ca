// The chain module's typed settings (RESKFLOW_CHAIN_*).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "anchorer.h"
#include "reskflow/chain/chain.h"
#include "reskflow/core/errors.h"

namespace reskflow::chain {

struct ChainSettings {
  // The JSON-RPC endpoint of the chain (Polygon PoS in production); empty: nothing is sent.
  std::string rpc_url;
  std::string key_file;  // the anchor account's key, 64 hex digits, mode 0600
  std::string contract;  // the DeliveryRegistry's address, 0x-hex
  std::int64_t rpc_timeout_ms = 10'000;
  std::int64_t interval_ms = 5'000;  // between anchoring passes
  AnchorPolicy policy;
  BrowserSettings browser;  // what the portal is told (the module itself sends nothing there)
};

// Reads RESKFLOW_CHAIN_* from `environment`; unknown keys, out-of-range values, a malformed
// contract address, or an RPC URL without contract and key file are refused.
Result<ChainSettings> load_settings(const std::map<std::string, std::string>& environment);

}  // namespace reskflow::chain

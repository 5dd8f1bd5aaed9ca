// The chain module's public interface: delivery milestones anchored in batches on an EVM chain
// (Polygon in production) through the DeliveryRegistry contract, and what anyone needs to check a
// delivery's records against the chain (docs/chain.md).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reskflow/chain/eth/bytes.h"
#include "reskflow/core/errors.h"
#include "reskflow/deliveries/delivery.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/module.h"
#include "reskflow/proofs/proofs.h"

namespace reskflow::chain {

// A batch as admins see it (GET /v1/admin/chain/batches).
struct BatchView {
  std::int64_t id = 0;
  std::string root;  // 0x-hex
  std::int64_t record_count = 0;
  std::int64_t sealed_at_us = 0;
  std::string state;  // sealed, sent, confirmed, failed
  std::optional<std::int64_t> nonce;
  std::optional<std::string> tx_hash;
  std::optional<std::int64_t> block_number;
  std::optional<std::int64_t> gas_used;
  std::optional<std::int64_t> effective_gas_price_wei;
  std::optional<std::int64_t> confirmed_at_us;
  std::int64_t attempts = 0;
  std::optional<std::string> last_error;
  std::int64_t reverts = 0;  // mined transactions of the batch that reverted
};

// One recorded milestone of a delivery with what proves it on chain once its batch is confirmed.
struct RecordProof {
  std::string milestone;
  std::int64_t at_us = 0;
  std::string record;  // 0x-hex canonical encoding
  std::string leaf;    // 0x-hex
  std::optional<BatchView> batch;
  std::vector<std::string> proof;  // sibling hashes, leaf to root, once sealed in a batch
};

struct ProofOfRecord {
  std::string delivery_id;
  std::string contract;  // 0x-hex address of the registry
  std::uint64_t chain_id = 0;
  std::vector<RecordProof> records;
};

// A pass of the anchoring loop as this node ran it.
struct AnchorPass {
  std::int64_t at_us = 0;  // when it ended
  std::string error;       // why it stopped (the RPC node refused or did not answer); empty: ok
};

// The anchoring as operators see it (the "anchoring" section of the system status).
struct AnchoringState {
  bool sending = false;              // an RPC node is configured; without one batches wait sealed
  std::int64_t pending_records = 0;  // recorded, in no batch yet
  std::optional<std::int64_t> oldest_pending_at_us;
  std::int64_t batches_waiting = 0;  // sealed or sent, not confirmed yet
  std::int64_t batches_failed = 0;   // reverted too often: an operator must look
  std::int64_t confirmations_required = 0;
  std::optional<BatchView> last_batch;  // the newest
  // The oldest batch not confirmed whose last send failed, with the failure.
  std::optional<BatchView> failing_batch;
  // The last pass this node ran; none before its first (or when another node holds the
  // anchoring lease).
  std::optional<AnchorPass> last_pass;
};

class ChainModule : public modules::Module {
 public:
  // Blocking (call from the worker pool).
  virtual Result<AnchoringState> anchoring() = 0;
};

// What the customer portal needs to check records in the browser (docs/chain.md, "Checking in
// the browser"): RESKFLOW_CHAIN_PUBLIC_RPC_URL and RESKFLOW_CHAIN_EXPLORER_TX_URL.
struct BrowserSettings {
  std::string public_rpc_url;     // empty: the portal shows the `reskflow verify` command
  std::string public_rpc_origin;  // "https://rpc.example.org:8545", for the pages' connect-src
  std::string explorer_tx_url;    // a template with {tx}; empty: no links
};

// Fails when either URL is not an http(s) URL (with {tx} for the explorer), or the RPC URL's
// host holds anything but letters, digits, dots, hyphens and a port. Unknown RESKFLOW_CHAIN_*
// variables are left to make_module.
Result<BrowserSettings> browser_settings(const std::map<std::string, std::string>& environment);

// The public interfaces chain needs.
struct Deps {
  deliveries::Deliveries& deliveries;  // who may read a delivery's proof of record
  identity::Directory& directory;      // merchant staff may read their deliveries'
  proofs::Proofs& proofs;  // the photo's and signature's hashes and the temperature summary
};

// Fails when a RESKFLOW_CHAIN_* setting is malformed or unknown, or the key file is unusable.
// Without RESKFLOW_CHAIN_RPC_URL the module records milestones and seals batches but sends
// nothing (its batches wait in `sealed`).
Result<std::unique_ptr<ChainModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::chain

// Anchoring: seals unbatched records into batches (every N records or T seconds), sends each
// batch's root in an EIP-1559 transaction, and follows it to the configured confirmations,
// re-sending dropped, stuck or reverted transactions. One pass at a time (the module's loop).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "reskflow/chain/chain.h"
#include "reskflow/chain/eth/fees.h"
#include "reskflow/chain/eth/rpc.h"
#include "reskflow/chain/eth/signer.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"

namespace reskflow::chain {

struct AnchorPolicy {
  std::uint64_t chain_id = 0;
  eth::Address contract{};
  std::int64_t batch_records_max = 256;  // N
  std::chrono::seconds batch_wait{300};  // T: the oldest record waits at most this
  std::int64_t confirmations = 3;
  std::uint64_t max_fee_per_gas_cap_wei = 0;  // never offer more per gas than this
  std::uint64_t priority_fee_floor_wei = 0;   // at least this tip
  std::int64_t fee_bump_percent = 25;         // a replacement offers this much more
  std::chrono::seconds resend_after{120};     // a pending transaction is replaced then
  std::uint64_t gas_limit = 150'000;
  std::int64_t reverts_max = 3;  // a batch whose transactions reverted this often fails
};

// What a pass did, for the loop's logs and metrics.
struct PassReport {
  std::int64_t sealed = 0;
  std::int64_t sent = 0;  // transactions broadcast, replacements and re-broadcasts included
  std::int64_t confirmed = 0;
  std::int64_t gas_used = 0;  // by the batches confirmed in this pass
};

// The selector of anchorBatch(uint64,bytes32,uint32) and its call data.
eth::Bytes anchor_call(std::int64_t batch_id, const eth::Word& root, std::int64_t record_count);

class Anchorer {
 public:
  // rpc and signer may be null: then passes only seal batches.
  Anchorer(store::Database& database, eth::RpcClient* rpc, const eth::Signer* signer,
           AnchorPolicy policy, modules::Clock clock);

  // Seals what is due, then (with an RPC client) sends sealed batches and follows sent ones.
  // An RPC failure ends the pass with its error; the next pass picks up where it stopped.
  Result<PassReport> run_once();

 private:
  Result<std::int64_t> seal_due();
  Status send_sealed(PassReport& report);
  Status follow_sent(PassReport& report);
  Status send_new(const BatchView& batch, PassReport& report);
  Status follow(const BatchView& batch, std::uint64_t head, std::uint64_t mined_nonce,
                PassReport& report);
  Status replace(const BatchView& batch, PassReport& report);
  Result<eth::FeeMarket> fees();
  eth::Eip1559Transaction transaction_for(const BatchView& batch, std::uint64_t nonce,
                                          const eth::Fees& fees) const;

  store::Database& database_;
  eth::RpcClient* rpc_;
  const eth::Signer* signer_;
  AnchorPolicy policy_;
  modules::Clock clock_;
  std::string address_;  // the signer's, 0x-hex
};

}  // namespace reskflow::chain

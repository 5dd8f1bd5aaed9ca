// The chain module's rules: delivery milestones recorded from deliveries' events (idempotent),
// batches listed for admins, and a delivery's proof of record for its parties.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "reskflow/bus/event.h"
#include "reskflow/chain/chain.h"
#include "reskflow/chain/record.h"
#include "reskflow/core/http.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"

namespace reskflow::chain {

inline constexpr std::string_view consumer_deliveries = "chain.deliveries";
inline constexpr std::int64_t batches_page_max = 100;

struct Anchoring {
  std::string contract;  // 0x-hex
  std::uint64_t chain_id = 0;
};

// A delivery's stored records with their proofs and batches, whoever asks: callers check access.
Result<ProofOfRecord> proof_of_record_in(store::Transaction& tx, std::string_view delivery_id,
                                         const Anchoring& anchoring);

class Service {
 public:
  Service(store::Database& database, Deps deps, ChainMetrics& metrics, Anchoring anchoring,
          modules::Clock clock);

  // deliveries.delivery.pending (created), .picked_up and .delivered (with the proofs of the
  // delivery: photo and signature hashes, temperature summary). Others are ignored.
  Status on_delivery_changed(const bus::Envelope& event);
  // False when this milestone of the delivery was recorded before.
  Result<bool> record(const Record& record);

  // Batches with ids above `after_id`, oldest first; `state` empty for all.
  Result<std::vector<BatchView>> batches(std::string_view state, std::int64_t after_id,
                                         std::int64_t limit);
  // not_found for a delivery the caller may not read (customer, courier, merchant staff, admin).
  Result<ProofOfRecord> proof_of_record(const http::Principal& caller,
                                        std::string_view delivery_id);

 private:
  Status record_proofs(const std::string& delivery_id, std::int64_t at_us);
  Status readable(const http::Principal& caller, std::string_view delivery_id);

  store::Database& db_;
  Deps deps_;
  ChainMetrics& metrics_;
  Anchoring anchoring_;
  modules::Clock clock_;
};

}  // namespace reskflow::chain

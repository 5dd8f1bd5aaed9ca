// The proofs module's public interface: what proves how a delivery went — the courier's photo
// at the door and the customer's drawn signature (stored with their SHA-256), and the
// temperature record of a cold-chain delivery with its compliance summary (docs/deliveries.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "reskflow/core/errors.h"
#include "reskflow/deliveries/delivery.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/authenticator.h"
#include "reskflow/modules/module.h"

namespace reskflow::proofs {

// How the temperature of a cold-chain delivery went: readings are held until the next one, so a
// reading out of range counts until the reading after it.
struct ComplianceSummary {
  deliveries::TemperatureRange range;
  std::int64_t readings = 0;
  std::optional<double> min_c;  // nullopt without readings
  std::optional<double> max_c;
  std::int64_t out_of_range_s = 0;
  std::int64_t excursions = 0;  // runs of consecutive readings out of range
  std::optional<std::int64_t> first_measured_at_us;
  std::optional<std::int64_t> last_measured_at_us;
  bool compliant() const { return excursions == 0; }
};

// What a stored photo or signature is: its bytes live in the proof store.
struct StoredProof {
  std::string sha256;  // lowercase hex of the stored (metadata-free) bytes
  std::string content_type;
  std::int64_t bytes = 0;
  std::string uploaded_by;  // the courier's user id
  std::int64_t uploaded_at_us = 0;
};

// The proofs of one delivery: what the blockchain anchoring hashes.
struct ProofRecord {
  std::string delivery_id;
  std::optional<StoredProof> photo;
  std::optional<StoredProof> signature;
  std::optional<ComplianceSummary> temperature;  // set for cold-chain deliveries
};

// Thread-safe; blocking (call from the worker pool).
class Proofs {
 public:
  virtual ~Proofs() = default;
  // not_found when deliveries has no such delivery.
  virtual Result<ProofRecord> record(std::string_view delivery_id) = 0;
};

class ProofsModule : public modules::Module {
 public:
  virtual Proofs& proofs() = 0;
};

// The public interfaces proofs needs.
struct Deps {
  deliveries::Deliveries& deliveries;     // whose delivery it is, its state, its cold chain
  identity::Directory& directory;         // merchant staff may see their deliveries' proofs
  modules::Authenticator& authenticator;  // couriers on the temperature route; alert sockets
};

// Fails when a RESKFLOW_PROOFS_* setting is malformed or unknown.
Result<std::unique_ptr<ProofsModule>> make_module(const modules::Platform& platform, Deps deps);

}  // namespace reskflow::proofs

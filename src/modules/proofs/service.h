// The proof rules: who may add a photo, a signature or temperature readings to a delivery and
// when, who may see them, excursion alerts, and sensor devices. No HTTP parsing, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics.h"
#include "reskflow/core/http.h"
#include "reskflow/deliveries/delivery.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/clock.h"
#include "reskflow/modules/digest.h"
#include "reskflow/modules/file_store.h"
#include "reskflow/modules/image.h"
#include "reskflow/proofs/events.h"
#include "reskflow/proofs/proofs.h"
#include "reskflow/store/database.h"
#include "settings.h"
#include "temperature.h"

namespace reskflow::proofs {

// The shared image parser (reskflow/modules/image.h), by the names proofs uses.
using modules::CleanImage;
using modules::image_type_named;
using modules::ImageType;
using modules::media_type;
using modules::strip_metadata;

enum class ProofKind : std::uint8_t { photo, signature };
std::string_view kind_name(ProofKind kind);

inline constexpr std::size_t readings_per_request_max = 100;
// How far ahead of the server's clock a reading may be stamped (device clocks drift).
inline constexpr std::int64_t reading_clock_skew_us = 300'000'000;  // 5 minutes

// A proof file with its bytes, as the readers of GET .../proof/photo get it.
struct ProofFile {
  StoredProof proof;
  std::string bytes;
};

// Who posts readings: the courier's app, or a sensor device bound to a courier.
struct ReadingSource {
  std::string driver_id;
  std::string source;  // "courier" or "device:<device id>"
};

struct ReadingsOutcome {
  std::int64_t accepted = 0;    // new readings stored
  std::int64_t duplicates = 0;  // already stored (same delivery and measured_at)
  ComplianceSummary summary;
  std::vector<events::TemperatureExcursion> alerted;  // excursions this request started
};

struct TemperatureReport {
  ComplianceSummary summary;
  std::vector<Excursion> excursions;
};

struct Device {
  std::string id;
  std::string driver_id;
  std::string name;
  std::int64_t created_at_us = 0;
};

struct IssuedDevice {
  Device device;
  std::string key;  // shown once: only its hash is stored
};

// Runs in the transaction that issues or revokes a device (the admin audit log).
using DeviceAudit =
    std::function<Status(store::Transaction& tx, std::string_view action, const Device& device)>;
// Told of each excursion after its transaction committed (the WebSocket alert).
using ExcursionListener = std::function<void(const events::TemperatureExcursion& excursion)>;

class Service {
 public:
  Service(store::Database& database, deliveries::Deliveries& deliveries,
          identity::Directory& directory, modules::FileStore& store, ProofsSettings settings,
          ProofsMetrics& metrics, modules::Clock clock = {});

  void set_excursion_listener(ExcursionListener listener) { on_excursion_ = std::move(listener); }

  // The assigned courier's photo or signature: not_found for anyone else's delivery; conflict
  // outside picked_up, at_dropoff and the window after delivery; unsupported_media_type when
  // the bytes are not an image of an accepted type or not the declared one; payload_too_large
  // over the limit; validation_failed for a damaged image or a signature too large in pixels.
  Result<StoredProof> put_file(std::string_view driver_id, std::string_view delivery_id,
                               ProofKind kind, std::string_view declared_type,
                               std::string_view body);
  // For the customer, the merchant's staff, the courier and admins; not_found otherwise or
  // when nothing was uploaded.
  Result<ProofFile> file(const http::Principal& caller, std::string_view delivery_id,
                         ProofKind kind);
  Result<ProofRecord> record_for(const http::Principal& caller, std::string_view delivery_id);
  Result<ProofRecord> record(std::string_view delivery_id);

  // Readings for the courier's cold-chain delivery. not_found for another courier's delivery;
  // conflict for a delivery without a temperature range, outside the courier's part of the
  // delivery, or past readings_per_delivery_max; validation_failed naming each bad reading.
  Result<ReadingsOutcome> add_readings(const ReadingSource& from, std::string_view delivery_id,
                                       const std::vector<Reading>& readings);
  // conflict for a delivery without a temperature range.
  Result<TemperatureReport> temperature(const http::Principal& caller,
                                        std::string_view delivery_id);

  Result<IssuedDevice> issue_device(std::string_view driver_id, std::string_view name,
                                    const DeviceAudit& audit);
  // not_found when no active device has this id.
  Status revoke_device(std::string_view device_id, const DeviceAudit& audit);
  // The active device holding `key`; unauthenticated otherwise.
  Result<Device> device_of_key(std::string_view key);

  const ProofsSettings& settings() const { return settings_; }

 private:
  Result<deliveries::Delivery> courier_delivery(std::string_view driver_id,
                                                std::string_view delivery_id);
  Result<deliveries::Delivery> readable_delivery(const http::Principal& caller,
                                                 std::string_view delivery_id);
  Status check_courier_window(const deliveries::Delivery& d, bool before_pickup_too) const;
  Result<CleanImage> clean_upload(ProofKind kind, std::string_view declared_type,
                                  std::string_view body) const;
  Status check_readings(const deliveries::Delivery& d, const std::vector<Reading>& readings) const;
  Result<ReadingsOutcome> store_readings(const ReadingSource& from, const deliveries::Delivery& d,
                                         const std::vector<Reading>& readings);
  Result<ComplianceSummary> compliance(store::Transaction& tx, const deliveries::Delivery& d);

  store::Database& db_;
  deliveries::Deliveries& deliveries_;
  identity::Directory& directory_;
  modules::FileStore& store_;
  ProofsSettings settings_;
  ProofsMetrics& metrics_;
  modules::Clock clock_;
  ExcursionListener on_excursion_;
};

using modules::sha256_hex;
// The RFC 9530 Repr-Digest header value of a SHA-256 given in lowercase hex:
// "sha-256=:<base64 of the 32 bytes>:".
std::string repr_digest(std::string_view sha256_hex_text);

}  // namespace reskflow::proofs

// Temperature sensors: a key issued once to an admin for a courier's device, stored hashed.
#include <openssl/rand.h>

#include <array>

#include "repository.h"
#include "reskflow/core/assert.h"
#include "reskflow/store/uuid.h"
#include "service.h"

namespace reskflow::proofs {
namespace {

constexpr std::string_view device_key_prefix = "rfdev_";
constexpr std::size_t device_key_random_bytes = 32;

// "rfdev_" and 64 hex characters from OpenSSL's CSPRNG (256 bits).
std::string new_device_key() {
  std::array<unsigned char, device_key_random_bytes> bytes{};
  // A failing CSPRNG would hand out guessable credentials: never go on without one.
  RF_PANIC(RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) == 1,
           "the CSPRNG failed; no device key can be made");
  constexpr std::string_view hex = "0123456789abcdef";
  std::string out(device_key_prefix);
  for (const auto byte : bytes) {
    out.push_back(hex[byte >> 4]);
    out.push_back(hex[byte & 0x0F]);
  }
  return out;
}

}  // namespace

Result<IssuedDevice> Service::issue_device(std::string_view driver_id, std::string_view name,
                                           const DeviceAudit& audit) {
  IssuedDevice out{{store::new_uuid_v7(), std::string(driver_id), std::string(name), clock_()},
                   new_device_key()};
  repository::DeviceRow row{out.device.id, out.device.driver_id, out.device.name,
                            out.device.created_at_us, std::nullopt};
  auto written = db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(inserted, repository::insert_device(tx, row, sha256_hex(out.key)));
    return audit ? audit(tx, "admin.device_issued", out.device) : Status{};
  });
  if (!written) return std::unexpected(written.error());
  metrics_.devices_issued.inc();
  return out;
}

Status Service::revoke_device(std::string_view device_id, const DeviceAudit& audit) {
  return db_.write([&](store::Transaction& tx) -> Status {
    RF_TRY(row, repository::revoke_device(tx, device_id, clock_()));
    if (!*row) return fail(ErrorCode::not_found, "no active device has this id");
    const Device device{(*row)->id, (*row)->driver_id, (*row)->name, (*row)->created_at_us};
    return audit ? audit(tx, "admin.device_revoked", device) : Status{};
  });
}

Result<Device> Service::device_of_key(std::string_view key) {
  const auto refused = [this] {
    metrics_.device_key_refusals.inc();
    return fail(ErrorCode::unauthenticated, "the device key is unknown or revoked");
  };
  if (!key.starts_with(device_key_prefix)) return refused();
  RF_TRY(row, db_.read([&](store::Transaction& tx) {
    return repository::device_by_key_hash(tx, sha256_hex(key));
  }));
  if (!*row || (*row)->revoked_at_us) return refused();
  return Device{(*row)->id, (*row)->driver_id, (*row)->name, (*row)->created_at_us};
}

}  // namespace reskflow::proofs

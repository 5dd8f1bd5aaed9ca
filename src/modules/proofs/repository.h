// SQL for proofs_files, proofs_readings, proofs_excursions and proofs_devices; each function
// runs inside the caller's transaction, the same statements on SQLite and PostgreSQL.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "reskflow/core/errors.h"
#include "reskflow/proofs/proofs.h"
#include "reskflow/store/database.h"
#include "temperature.h"

namespace reskflow::proofs::repository {

struct FileRow {
  StoredProof proof;
  std::string file_key;
};

Result<std::optional<FileRow>> file(store::Transaction& tx, std::string_view delivery_id,
                                    std::string_view kind);
// Inserts or replaces the delivery's file of this kind.
Status put_file(store::Transaction& tx, std::string_view delivery_id, std::string_view kind,
                const FileRow& row);

Result<std::int64_t> reading_count(store::Transaction& tx, std::string_view delivery_id);
// Inserts the readings, skipping one whose delivery and measured_at_us are stored already;
// returns how many were new.
Result<std::int64_t> insert_readings(store::Transaction& tx, std::string_view delivery_id,
                                     std::span<const Reading> readings, std::string_view source,
                                     std::int64_t received_at_us);
// In measured_at_us order.
Result<std::vector<Reading>> readings(store::Transaction& tx, std::string_view delivery_id);
Result<std::vector<Excursion>> excursions(store::Transaction& tx, std::string_view delivery_id);
Status insert_excursion(store::Transaction& tx, std::string_view delivery_id, const Excursion& e);

struct DeviceRow {
  std::string id;
  std::string driver_id;
  std::string name;
  std::int64_t created_at_us = 0;
  std::optional<std::int64_t> revoked_at_us;
};

Status insert_device(store::Transaction& tx, const DeviceRow& device, std::string_view key_hash);
Result<std::optional<DeviceRow>> device_by_key_hash(store::Transaction& tx,
                                                    std::string_view key_hash);
// The device revoked; nullopt when no device has this id or it was revoked before.
Result<std::optional<DeviceRow>> revoke_device(store::Transaction& tx, std::string_view device_id,
                                               std::int64_t now_us);

}  // namespace reskflow::proofs::repository

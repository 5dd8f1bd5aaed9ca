// SQL over the proofs tables; both engines run the same statements.
#include "repository.h"

namespace reskflow::proofs::repository {

Result<std::optional<FileRow>> file(store::Transaction& tx, std::string_view delivery_id,
                                    std::string_view kind) {
  RF_TRY(rows, tx.query("SELECT sha256, content_type, bytes, uploaded_by, uploaded_at_us, "
                        "file_key FROM proofs_files WHERE delivery_id = $1 AND kind = $2",
                        {std::string(delivery_id), std::string(kind)}));
  if (rows->empty()) return std::optional<FileRow>{};
  const auto r = rows->front();
  return FileRow{{r.text(0), r.text(1), r.int64(2), r.text(3), r.int64(4)}, r.text(5)};
}

Status put_file(store::Transaction& tx, std::string_view delivery_id, std::string_view kind,
                const FileRow& row) {
  const auto& p = row.proof;
  RF_TRY(n, tx.exec("INSERT INTO proofs_files (delivery_id, kind, sha256, content_type, bytes, "
                    "file_key, uploaded_by, uploaded_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                    "$8) ON CONFLICT (delivery_id, kind) DO UPDATE SET sha256 = excluded.sha256, "
                    "content_type = excluded.content_type, bytes = excluded.bytes, "
                    "file_key = excluded.file_key, uploaded_by = excluded.uploaded_by, "
                    "uploaded_at_us = excluded.uploaded_at_us",
                    {std::string(delivery_id), std::string(kind), p.sha256, p.content_type, p.bytes,
                     row.file_key, p.uploaded_by, p.uploaded_at_us}));
  return {};
}

Result<std::int64_t> reading_count(store::Transaction& tx, std::string_view delivery_id) {
  RF_TRY(rows, tx.query("SELECT COUNT(*) FROM proofs_readings WHERE delivery_id = $1",
                        {std::string(delivery_id)}));
  return rows->front().int64(0);
}

Result<std::int64_t> insert_readings(store::Transaction& tx, std::string_view delivery_id,
                                     std::span<const Reading> readings, std::string_view source,
                                     std::int64_t received_at_us) {
  std::int64_t added = 0;
  for (const auto& r : readings) {
    RF_TRY(n, tx.exec("INSERT INTO proofs_readings (delivery_id, measured_at_us, celsius, source, "
                      "received_at_us) VALUES ($1, $2, $3, $4, $5) "
                      "ON CONFLICT (delivery_id, measured_at_us) DO NOTHING",
                      {std::string(delivery_id), r.measured_at_us, r.celsius, std::string(source),
                       received_at_us}));
    added += *n;
  }
  return added;
}

Result<std::vector<Reading>> readings(store::Transaction& tx, std::string_view delivery_id) {
  RF_TRY(rows, tx.query("SELECT measured_at_us, celsius FROM proofs_readings WHERE "
                        "delivery_id = $1 ORDER BY measured_at_us",
                        {std::string(delivery_id)}));
  std::vector<Reading> out;
  out.reserve(rows->size());
  for (const auto r : *rows) out.push_back({r.int64(0), r.real(1)});
  return out;
}

Result<std::vector<Excursion>> excursions(store::Transaction& tx, std::string_view delivery_id) {
  RF_TRY(rows, tx.query("SELECT started_at_us, ended_at_us, celsius FROM proofs_excursions "
                        "WHERE delivery_id = $1 ORDER BY started_at_us",
                        {std::string(delivery_id)}));
  std::vector<Excursion> out;
  for (const auto r : *rows) out.push_back({r.int64(0), r.int64(1), r.real(2)});
  return out;
}

Status insert_excursion(store::Transaction& tx, std::string_view delivery_id, const Excursion& e) {
  RF_TRY(n, tx.exec("INSERT INTO proofs_excursions (delivery_id, started_at_us, ended_at_us, "
                    "celsius) VALUES ($1, $2, $3, $4)",
                    {std::string(delivery_id), e.started_at_us, e.ended_at_us, e.celsius}));
  return {};
}

Status insert_device(store::Transaction& tx, const DeviceRow& device, std::string_view key_hash) {
  RF_TRY(n, tx.exec("INSERT INTO proofs_devices (id, key_hash, driver_id, name, created_at_us) "
                    "VALUES ($1, $2, $3, $4, $5)",
                    {device.id, std::string(key_hash), device.driver_id, device.name,
                     device.created_at_us}));
  return {};
}

Result<std::optional<DeviceRow>> device_by_key_hash(store::Transaction& tx,
                                                    std::string_view key_hash) {
  RF_TRY(rows, tx.query("SELECT id, driver_id, name, created_at_us, revoked_at_us FROM "
                        "proofs_devices WHERE key_hash = $1",
                        {std::string(key_hash)}));
  if (rows->empty()) return std::optional<DeviceRow>{};
  const auto r = rows->front();
  return DeviceRow{r.text(0), r.text(1), r.text(2), r.int64(3), r.optional_int64(4)};
}

Result<std::optional<DeviceRow>> revoke_device(store::Transaction& tx, std::string_view device_id,
                                               std::int64_t now_us) {
  RF_TRY(rows, tx.query("UPDATE proofs_devices SET revoked_at_us = $1 WHERE id = $2 AND "
                        "revoked_at_us IS NULL RETURNING id, driver_id, name, created_at_us, "
                        "revoked_at_us",
                        {now_us, std::string(device_id)}));
  if (rows->empty()) return std::optional<DeviceRow>{};
  const auto r = rows->front();
  return DeviceRow{r.text(0), r.text(1), r.text(2), r.int64(3), r.optional_int64(4)};
}

}  // namespace reskflow::proofs::repository

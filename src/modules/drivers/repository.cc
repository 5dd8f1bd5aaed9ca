// SQL for the drivers tables; the same statements run on SQLite and PostgreSQL.
#include "repository.h"

#include <cmath>

namespace reskflow::drivers::repository {
namespace {

constexpr std::string_view profile_columns =
    "p.driver_id, p.vehicle, p.capacity, p.cold_storage, p.shift_id, p.shift_started_at_us, "
    "p.created_at_us, p.updated_at_us";

Profile profile_of(const store::Row& r) {
  Profile p;
  p.driver_id = r.text(0);
  p.vehicle = parse_vehicle(r.text_view(1)).value_or(Vehicle::bike);
  p.capacity = r.int64(2);
  p.cold_storage = r.boolean(3);
  p.shift_id = r.optional_text(4);
  p.shift_started_at_us = r.optional_int64(5).value_or(0);
  p.created_at_us = r.int64(6);
  p.updated_at_us = r.int64(7);
  return p;
}

// Columns lat, lng, at_us, accuracy_m, speed_mps, heading_deg from `first`.
Position position_at(const store::Row& r, std::size_t first) {
  return Position{{r.real(first), r.real(first + 1)},
                  r.int64(first + 2),
                  r.real(first + 3),
                  r.real(first + 4),
                  r.real(first + 5)};
}

// A profile and its saved position (columns 8..13, NULL without one).
constexpr std::string_view with_position =
    "SELECT p.driver_id, p.vehicle, p.capacity, p.cold_storage, p.shift_id, "
    "p.shift_started_at_us, p.created_at_us, p.updated_at_us, q.lat, q.lng, q.at_us, "
    "q.accuracy_m, q.speed_mps, q.heading_deg FROM drivers_profiles p "
    "LEFT JOIN drivers_positions q ON q.driver_id = p.driver_id ";

ProfileRows rows_of(const store::Rows& rows) {
  ProfileRows out;
  for (const auto r : rows) {
    out.emplace_back(profile_of(r),
                     r.is_null(8) ? std::nullopt : std::optional<Position>(position_at(r, 8)));
  }
  return out;
}

}  // namespace

Result<std::optional<Profile>> find_profile(store::Transaction& tx, std::string_view driver_id) {
  RF_TRY(rows, tx.query("SELECT " + std::string(profile_columns) +
                            " FROM drivers_profiles p WHERE p.driver_id = $1",
                        {std::string(driver_id)}));
  if (rows->empty()) return std::optional<Profile>{};
  return profile_of(rows->front());
}

Status put_profile(store::Transaction& tx, const Profile& profile) {
  RF_TRY(n,
         tx.exec("INSERT INTO drivers_profiles (driver_id, vehicle, capacity, cold_storage, "
                 "created_at_us, updated_at_us) VALUES ($1, $2, $3, $4, $5, $6) "
                 "ON CONFLICT (driver_id) DO UPDATE SET vehicle = excluded.vehicle, "
                 "capacity = excluded.capacity, cold_storage = excluded.cold_storage, "
                 "updated_at_us = excluded.updated_at_us",
                 {profile.driver_id, std::string(vehicle_name(profile.vehicle)), profile.capacity,
                  profile.cold_storage, profile.created_at_us, profile.updated_at_us}));
  return {};
}

Status open_shift(store::Transaction& tx, std::string_view driver_id, std::string_view shift_id,
                  std::int64_t at_us) {
  RF_TRY(inserted, tx.exec("INSERT INTO drivers_shifts (id, driver_id, started_at_us) "
                           "VALUES ($1, $2, $3)",
                           {std::string(shift_id), std::string(driver_id), at_us}));
  RF_TRY(updated, tx.exec("UPDATE drivers_profiles SET shift_id = $1, shift_started_at_us = $2 "
                          "WHERE driver_id = $3",
                          {std::string(shift_id), at_us, std::string(driver_id)}));
  return {};
}

Status close_shift(store::Transaction& tx, std::string_view driver_id, std::string_view shift_id,
                   std::int64_t at_us) {
  RF_TRY(ended, tx.exec("UPDATE drivers_shifts SET ended_at_us = $1 WHERE id = $2",
                        {at_us, std::string(shift_id)}));
  RF_TRY(updated, tx.exec("UPDATE drivers_profiles SET shift_id = NULL, "
                          "shift_started_at_us = NULL WHERE driver_id = $1",
                          {std::string(driver_id)}));
  return {};
}

Result<ProfileRows> list_profiles(store::Transaction& tx, const std::optional<std::string>& after,
                                  std::int64_t limit) {
  RF_TRY(rows, tx.query(std::string(with_position) +
                            "WHERE p.driver_id > $1 ORDER BY p.driver_id LIMIT $2",
                        {after.value_or(""), limit}));
  return rows_of(*rows);
}

Result<ProfileRows> on_shift(store::Transaction& tx) {
  RF_TRY(rows, tx.query(std::string(with_position) +
                        "WHERE p.shift_id IS NOT NULL ORDER BY p.driver_id"));
  return rows_of(*rows);
}

Result<std::optional<Position>> position_of(store::Transaction& tx, std::string_view driver_id) {
  RF_TRY(rows, tx.query("SELECT lat, lng, at_us, accuracy_m, speed_mps, heading_deg "
                        "FROM drivers_positions WHERE driver_id = $1",
                        {std::string(driver_id)}));
  if (rows->empty()) return std::optional<Position>{};
  return std::optional<Position>(position_at(rows->front(), 0));
}

Status save_positions(store::Transaction& tx,
                      const std::vector<std::pair<std::string, Position>>& positions,
                      std::int64_t now_us) {
  for (const auto& [id, p] : positions) {
    RF_TRY(n, tx.exec("INSERT INTO drivers_positions (driver_id, lat, lng, at_us, accuracy_m, "
                      "speed_mps, heading_deg, saved_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                      "$8) ON CONFLICT (driver_id) DO UPDATE SET lat = excluded.lat, "
                      "lng = excluded.lng, at_us = excluded.at_us, "
                      "accuracy_m = excluded.accuracy_m, speed_mps = excluded.speed_mps, "
                      "heading_deg = excluded.heading_deg, saved_at_us = excluded.saved_at_us "
                      "WHERE drivers_positions.at_us < excluded.at_us",
                      {id, p.point.lat, p.point.lng, p.at_us, p.accuracy_m, p.speed_mps,
                       p.heading_deg, now_us}));
  }
  return {};
}

Status save_travel_cells(store::Transaction& tx, std::int64_t zone_cell_millideg,
                         const std::vector<LearnedCell>& cells, std::int64_t now_us) {
  constexpr double ppm = 1e6;
  for (const auto& c : cells) {
    RF_TRY(n,
           tx.exec("INSERT INTO drivers_travel_cells (zone_cell_millideg, cell_key, "
                   "factor_ppm, samples, updated_at_us) VALUES ($1, $2, $3, $4, $5) "
                   "ON CONFLICT (zone_cell_millideg, cell_key) DO UPDATE SET "
                   "factor_ppm = excluded.factor_ppm, samples = excluded.samples, "
                   "updated_at_us = excluded.updated_at_us",
                   {zone_cell_millideg, c.key, std::llround(c.factor * ppm), c.samples, now_us}));
  }
  return {};
}

Result<std::vector<LearnedCell>> travel_cells(store::Transaction& tx,
                                              std::int64_t zone_cell_millideg, std::size_t limit) {
  RF_TRY(rows, tx.query("SELECT cell_key, factor_ppm, samples FROM drivers_travel_cells "
                        "WHERE zone_cell_millideg = $1 ORDER BY samples DESC, cell_key LIMIT $2",
                        {zone_cell_millideg, static_cast<std::int64_t>(limit)}));
  std::vector<LearnedCell> out;
  out.reserve(rows->size());
  for (const auto r : *rows)
    out.push_back({r.int64(0), static_cast<double>(r.int64(1)) / 1e6, r.int64(2)});
  return out;
}

Status erase_driver(store::Transaction& tx, std::string_view driver_id) {
  for (const auto* sql : {"DELETE FROM drivers_positions WHERE driver_id = $1",
                          "DELETE FROM drivers_shifts WHERE driver_id = $1",
                          "DELETE FROM drivers_profiles WHERE driver_id = $1"}) {
    RF_TRY(n, tx.exec(sql, {std::string(driver_id)}));
  }
  return {};
}

}  // namespace reskflow::drivers::repository

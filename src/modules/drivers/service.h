// The drivers module's rules on typed values: profiles, shifts, location batches, the admins'
// list, and persisting the last positions and the learned speeds. No HTTP, no JSON, no SQL.
#pragma once

#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fleet.h"
#include "metrics.h"
#include "reskflow/bus/event.h"
#include "reskflow/identity/identity.h"
#include "reskflow/modules/clock.h"
#include "reskflow/store/database.h"
#include "settings.h"

namespace reskflow::drivers {

// The consumer of identity.user.erased.
inline constexpr std::string_view consumer_erasures = "drivers.user_erased";

struct ProfileInput {
  Vehicle vehicle = Vehicle::bike;
  std::int64_t capacity = 1;
  bool cold_storage = false;
};

// A courier as the API shows them.
struct DriverView {
  Profile profile;
  bool id_verified = false;
  Presence presence = Presence::offline;
  std::optional<Position> position;  // the last accepted one (saved, when offline)
};

struct DriverPage {
  std::vector<DriverView> drivers;
  std::optional<std::string> next_cursor;
};

class Service {
 public:
  Service(store::Database& database, identity::Directory& directory, Fleet& fleet,
          const DriversSettings& settings, DriversMetrics& metrics, modules::Clock clock);

  // not_found until the courier has created a profile.
  Result<DriverView> profile(const std::string& driver_id);
  // Creates or changes the profile: capacity within the vehicle's bound (validation_failed);
  // conflict while on shift.
  Result<DriverView> put_profile(const std::string& driver_id, const ProfileInput& input);
  // Goes online (opens a shift, publishes drivers.shift.started) or offline; asking for the
  // state the courier is in changes nothing. conflict without a profile or, when required,
  // without an approved ID verification.
  Result<DriverView> set_shift(const std::string& driver_id, bool online);
  // conflict when the courier is not on shift (the database says so when the shared fleet
  // does not know them).
  Result<IngestReport> ingest(const std::string& driver_id, std::span<const Position> points);
  // Every courier with a profile, by id; `cursor` is the last id of the previous page.
  Result<DriverPage> list(const std::optional<std::string>& cursor, std::int64_t limit);

  // Puts the couriers on shift back in memory with their last saved positions, and the travel
  // model's learned speeds (start-up).
  Status restore();
  // Writes the last accepted positions not yet saved; how many.
  Result<std::size_t> save_positions();
  // Writes the travel-model cells learned since the last save; how many.
  Result<std::size_t> save_travel_cells();
  // identity.user.erased: ends the shift and deletes the profile, shifts and position.
  Status on_user_erased(const bus::Envelope& envelope);

 private:
  DriverView view_of(Profile profile, bool id_verified, std::optional<Position> saved) const;
  Result<DriverView> go_online(const std::string& driver_id, Profile profile);
  Result<DriverView> go_offline(const std::string& driver_id, Profile profile);
  // Puts a courier on shift in the database back into the fleet; whether they were.
  Result<bool> rejoin(const std::string& driver_id);

  store::Database& database_;
  identity::Directory& directory_;
  Fleet& fleet_;
  const DriversSettings settings_;
  DriversMetrics& metrics_;
  const modules::Clock clock_;
  // Shift changes one at a time, so the fleet in memory follows the order they commit in.
  std::mutex shift_mutex_;
};

}  // namespace reskflow::drivers

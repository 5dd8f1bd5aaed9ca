// Profiles, shifts and the admins' list (locations: service_locations.cc).
#include "service.h"

#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/drivers/events.h"
#include "reskflow/modules/payload.h"
#include "reskflow/store/uuid.h"
#include "vehicle.h"

namespace reskflow::drivers {

Service::Service(store::Database& database, identity::Directory& directory, Fleet& fleet,
                 const DriversSettings& settings, DriversMetrics& metrics, modules::Clock clock)
    : database_(database),
      directory_(directory),
      fleet_(fleet),
      settings_(settings),
      metrics_(metrics),
      clock_(clock ? std::move(clock) : modules::system_clock()) {}

DriverView Service::view_of(Profile profile, bool id_verified,
                            std::optional<Position> saved) const {
  const auto presence = fleet_.presence(profile.driver_id);
  DriverView view{std::move(profile), id_verified, presence, {}};
  view.position = fleet_.last_position(view.profile.driver_id);
  if (!view.position) view.position = saved;
  return view;
}

Result<DriverView> Service::profile(const std::string& driver_id) {
  RF_TRY(found,
         database_.read([&](store::Transaction& tx)
                            -> Result<std::pair<std::optional<Profile>, std::optional<Position>>> {
           RF_TRY(profile, repository::find_profile(tx, driver_id));
           RF_TRY(position, repository::position_of(tx, driver_id));
           return std::pair{std::move(*profile), *position};
         }));
  if (!found->first)
    return fail(ErrorCode::not_found, "no driver profile yet: create it with PUT /v1/drivers/me");
  RF_TRY(verified, directory_.age_verified(driver_id));
  return view_of(std::move(*found->first), *verified, found->second);
}

Result<DriverView> Service::put_profile(const std::string& driver_id, const ProfileInput& input) {
  const auto limits = limits_of(input.vehicle);
  if (input.capacity < 1 || input.capacity > limits.capacity_max)
    return fail(ErrorCode::validation_failed, "the capacity does not fit the vehicle",
                {{"capacity", "a " + std::string(vehicle_name(input.vehicle)) + " carries 1 to " +
                                  std::to_string(limits.capacity_max) + " orders"}});
  const auto now = clock_();
  RF_TRY(saved, database_.write([&](store::Transaction& tx) -> Result<Profile> {
    RF_TRY(existing, repository::find_profile(tx, driver_id));
    Profile profile = existing->value_or(Profile{driver_id, {}, 1, false, {}, 0, now, now});
    if (profile.shift_id)
      return fail(ErrorCode::conflict, "go offline before changing your vehicle");
    profile.vehicle = input.vehicle;
    profile.capacity = input.capacity;
    profile.cold_storage = input.cold_storage;
    profile.updated_at_us = now;
    RF_TRY(put, repository::put_profile(tx, profile));
    return profile;
  }));
  RF_TRY(verified, directory_.age_verified(driver_id));
  return view_of(std::move(*saved), *verified, std::nullopt);
}

Result<DriverView> Service::set_shift(const std::string& driver_id, bool online) {
  std::lock_guard lock(shift_mutex_);
  RF_TRY(found, database_.read([&](store::Transaction& tx) {
    return repository::find_profile(tx, driver_id);
  }));
  if (!*found)
    return fail(ErrorCode::conflict,
                "create your driver profile (PUT /v1/drivers/me) before going online");
  auto profile = std::move(**found);
  if (online == profile.shift_id.has_value()) return this->profile(driver_id);
  return online ? go_online(driver_id, std::move(profile))
                : go_offline(driver_id, std::move(profile));
}

Result<DriverView> Service::go_online(const std::string& driver_id, Profile profile) {
  RF_TRY(verified, directory_.age_verified(driver_id));
  if (settings_.require_id_verification && !*verified)
    return fail(ErrorCode::conflict,
                "your ID verification must be approved before you go online "
                "(POST /v1/id-verifications)");
  const auto now = clock_();
  profile.shift_id = store::new_uuid_v7();
  profile.shift_started_at_us = now;
  const events::ShiftChanged event{
      driver_id,        *profile.shift_id,    std::string(vehicle_name(profile.vehicle)),
      profile.capacity, profile.cold_storage, now};
  RF_TRY(saved, database_.write([&](store::Transaction& tx) -> Result<std::optional<Position>> {
    RF_TRY(opened, repository::open_shift(tx, driver_id, *profile.shift_id, now));
    RF_TRY(published, bus::publish(tx, {std::string(events::shift_started), driver_id,
                                        modules::payload::to_payload(event)}));
    return repository::position_of(tx, driver_id);
  }));
  fleet_.start_shift(profile, *saved);
  metrics_.shifts_started.inc();
  return view_of(std::move(profile), *verified, *saved);
}

Result<DriverView> Service::go_offline(const std::string& driver_id, Profile profile) {
  const auto now = clock_();
  const events::ShiftChanged event{
      driver_id,        *profile.shift_id,    std::string(vehicle_name(profile.vehicle)),
      profile.capacity, profile.cold_storage, now};
  // The last point is written with the shift's end, so it outlives the courier's memory.
  std::vector<std::pair<std::string, Position>> last;
  if (auto p = fleet_.last_position(driver_id)) last.emplace_back(driver_id, *p);
  RF_TRY(saved, database_.write([&](store::Transaction& tx) -> Result<std::optional<Position>> {
    RF_TRY(closed, repository::close_shift(tx, driver_id, *profile.shift_id, now));
    RF_TRY(positions, repository::save_positions(tx, last, now));
    RF_TRY(published, bus::publish(tx, {std::string(events::shift_ended), driver_id,
                                        modules::payload::to_payload(event)}));
    return repository::position_of(tx, driver_id);
  }));
  fleet_.end_shift(driver_id);
  metrics_.shifts_ended.inc();
  profile.shift_id.reset();
  profile.shift_started_at_us = 0;
  RF_TRY(verified, directory_.age_verified(driver_id));
  return view_of(std::move(profile), *verified, *saved);
}

Result<DriverPage> Service::list(const std::optional<std::string>& cursor, std::int64_t limit) {
  RF_TRY(rows, database_.read([&](store::Transaction& tx) {
    return repository::list_profiles(tx, cursor, limit + 1);
  }));
  DriverPage page;
  for (auto& [profile, position] : *rows) {
    if (std::cmp_equal(page.drivers.size(), limit)) {
      page.next_cursor = page.drivers.back().profile.driver_id;
      break;
    }
    RF_TRY(verified, directory_.age_verified(profile.driver_id));
    page.drivers.push_back(view_of(std::move(profile), *verified, position));
  }
  return page;
}

}  // namespace reskflow::drivers

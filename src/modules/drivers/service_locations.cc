// Location batches, persisting the last positions and learned speeds, restoring both after a
// restart, and forgetting an erased courier.
#include <cmath>

#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"
#include "service.h"

namespace reskflow::drivers {
namespace {

// The zone size the model's cell keys are made with, as stored.
std::int64_t zone_millideg(const TravelModel& model) {
  return std::llround(model.zone_cell_deg() * 1000);
}

}  // namespace

Result<IngestReport> Service::ingest(const std::string& driver_id,
                                     std::span<const Position> points) {
  auto report = fleet_.ingest(driver_id, points);
  if (!report && report.error().code == ErrorCode::conflict && fleet_.shared()) {
    RF_TRY(rejoined, rejoin(driver_id));
    if (*rejoined) report = fleet_.ingest(driver_id, points);
  }
  if (!report) return report;
  metrics_.points_accepted.inc(static_cast<double>(report->accepted));
  metrics_.points_dropped.inc(static_cast<double>(report->dropped));
  metrics_.points_flagged.inc(static_cast<double>(report->flagged));
  return report;
}

// The shared fleet forgot a courier the database has on shift (Redis restarted empty, or was
// away when the shift started): they are put back, at their last saved point.
Result<bool> Service::rejoin(const std::string& driver_id) {
  RF_TRY(found,
         database_.read([&](store::Transaction& tx)
                            -> Result<std::pair<std::optional<Profile>, std::optional<Position>>> {
           RF_TRY(profile, repository::find_profile(tx, driver_id));
           RF_TRY(position, repository::position_of(tx, driver_id));
           return std::pair{std::move(*profile), *position};
         }));
  if (!found->first || !found->first->shift_id) return false;
  fleet_.start_shift(*found->first, found->second);
  log::info("drivers_courier_rejoined", {{"driver_id", driver_id}});
  return true;
}

Status Service::restore() {
  RF_TRY(rows, database_.read([](store::Transaction& tx) { return repository::on_shift(tx); }));
  for (const auto& [profile, position] : *rows) fleet_.start_shift(profile, position);
  auto& model = fleet_.travel();
  RF_TRY(cells, database_.read([&](store::Transaction& tx) {
    return repository::travel_cells(tx, zone_millideg(model), TravelModel::cells_max);
  }));
  model.restore(*cells);
  if (!rows->empty() || !cells->empty())
    log::info("drivers_restored", {{"on_shift", static_cast<std::int64_t>(rows->size())},
                                   {"travel_cells", static_cast<std::int64_t>(cells->size())}});
  return {};
}

Result<std::size_t> Service::save_travel_cells() {
  auto& model = fleet_.travel();
  auto changed = model.take_changed();
  if (changed.empty()) return std::size_t{0};
  const auto now = clock_();
  auto saved = database_.write([&](store::Transaction& tx) {
    return repository::save_travel_cells(tx, zone_millideg(model), changed, now);
  });
  if (!saved) {
    model.return_changed(changed);
    metrics_.travel_cell_save_failures.inc();
    log::warn(
        "drivers_travel_cells_not_saved",
        {{"cells", static_cast<std::int64_t>(changed.size())}, {"detail", saved.error().detail}});
    return std::unexpected(saved.error());
  }
  return changed.size();
}

Result<std::size_t> Service::save_positions() {
  auto unsaved = fleet_.take_unsaved();
  if (unsaved.empty()) return std::size_t{0};
  const auto now = clock_();
  auto saved = database_.write(
      [&](store::Transaction& tx) { return repository::save_positions(tx, unsaved, now); });
  if (!saved) {
    fleet_.restore_unsaved(unsaved);
    metrics_.position_save_failures.inc();
    log::warn("drivers_positions_not_saved",
              {{"couriers", static_cast<std::int64_t>(unsaved.size())},
               {"detail", saved.error().detail}});
    return std::unexpected(saved.error());
  }
  metrics_.positions_saved.inc(static_cast<double>(unsaved.size()));
  return unsaved.size();
}

Status Service::on_user_erased(const bus::Envelope& envelope) {
  auto erased = modules::payload::from_payload<identity::events::UserErased>(
      identity::events::user_erased, envelope.payload_json);
  if (!erased || erased->user_id.empty()) {
    log::error("drivers_event_rejected",
               {{"event_id", envelope.event_id}, {"type", envelope.type}});
    return {};
  }
  std::lock_guard lock(shift_mutex_);
  auto done = bus::handle_once(database_, consumer_erasures, envelope, [&](store::Transaction& tx) {
    return repository::erase_driver(tx, erased->user_id);
  });
  if (done) fleet_.end_shift(erased->user_id);
  return done;
}

}  // namespace reskflow::drivers

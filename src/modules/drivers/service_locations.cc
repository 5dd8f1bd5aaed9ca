// Location batches, persisting the last positions, restoring the couriers on shift after a
// restart, and forgetting an erased courier.
#include "repository.h"
#include "reskflow/bus/outbox.h"
#include "reskflow/core/log.h"
#include "reskflow/identity/events.h"
#include "reskflow/modules/payload.h"
#include "service.h"

namespace reskflow::drivers {

Result<IngestReport> Service::ingest(const std::string& driver_id,
                                     std::span<const Position> points) {
  RF_TRY(report, fleet_.ingest(driver_id, points));
  metrics_.points_accepted.inc(static_cast<double>(report->accepted));
  metrics_.points_dropped.inc(static_cast<double>(report->dropped));
  metrics_.points_flagged.inc(static_cast<double>(report->flagged));
  return report;
}

Status Service::restore() {
  RF_TRY(rows, database_.read([](store::Transaction& tx) { return repository::on_shift(tx); }));
  for (const auto& [profile, position] : *rows) fleet_.start_shift(profile, position);
  if (!rows->empty())
    log::info("drivers_restored", {{"on_shift", static_cast<std::int64_t>(rows->size())}});
  return {};
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

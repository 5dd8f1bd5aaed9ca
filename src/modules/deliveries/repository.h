// SQL over the deliveries tables, each function inside the caller's transaction; both engines
// run the same statements.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "record.h"
#include "reskflow/core/errors.h"
#include "reskflow/store/database.h"

namespace reskflow::deliveries::repository {

using store::Transaction;

Status insert_delivery(Transaction& tx, const DeliveryRecord& record);
Result<std::optional<DeliveryRecord>> delivery(Transaction& tx, std::string_view id);
Result<std::optional<DeliveryRecord>> delivery_of_order(Transaction& tx, std::string_view order_id);
// Writes every mutable field, only if the row is still at `expected_version`: false when another
// change came first.
Result<bool> update_delivery(Transaction& tx, const DeliveryRecord& record,
                             std::int64_t expected_version);
// Moves the ready time of a delivery that waits for or rides to its pickup (pending, assigned),
// version untouched; false when it is in another state or already has that time.
Result<bool> set_ready_at(Transaction& tx, std::string_view delivery_id, std::int64_t ready_at_us);
// Pending deliveries with no offer outstanding, ready by `ready_by_us`, oldest first.
Result<std::vector<DeliveryRecord>> waiting(Transaction& tx, std::int64_t ready_by_us,
                                            std::int64_t limit);
// Deliveries couriers are working on (assigned up to at_dropoff), oldest assignment first.
Result<std::vector<DeliveryRecord>> active(Transaction& tx);
// Deliveries waiting for a courier with no offer out: the dispatcher's backlog, and when the
// oldest of them was created (none when nothing waits).
struct Backlog {
  std::int64_t waiting = 0;
  std::optional<std::int64_t> oldest_created_at_us;
};
Result<Backlog> backlog(Transaction& tx);
// A courier's deliveries, newest first; only the active ones when `active_only`.
Result<std::vector<DeliveryRecord>> of_driver(Transaction& tx, std::string_view driver_id,
                                              bool active_only, std::int64_t limit);

Status insert_offer(Transaction& tx, const Offer& offer);
Result<std::optional<Offer>> offer(Transaction& tx, std::string_view id);
// The courier's offers still pending at now_us, newest first.
Result<std::vector<Offer>> pending_offers_of(Transaction& tx, std::string_view driver_id,
                                             std::int64_t now_us);
// Every pending offer (the couriers who have one wait for their answer before the next).
Result<std::vector<Offer>> pending_offers(Transaction& tx);
// Moves a pending offer to `status`; false when it was no longer pending.
Result<bool> resolve_offer(Transaction& tx, std::string_view id, std::string_view status,
                           std::int64_t at_us);
// Pending offers of the delivery, resolved as withdrawn (an admin assigned it by hand).
Status withdraw_offers(Transaction& tx, std::string_view delivery_id, std::int64_t at_us);
// Pending offers past their expiry, oldest first.
Result<std::vector<Offer>> lapsed_offers(Transaction& tx, std::int64_t now_us, std::int64_t limit);
// The couriers who declined the delivery or let an offer of it lapse.
Result<std::vector<std::string>> passed_over(Transaction& tx, std::string_view delivery_id);

// A point of a delivery's path, as the tracker buffers it.
struct PathEntry {
  std::string_view delivery_id;
  PathPoint point;
};
// Appends the points (a point already kept, same delivery and time, is skipped), many to a
// statement.
Status append_paths(Transaction& tx, std::span<const PathEntry> entries);
Result<std::vector<PathPoint>> path(Transaction& tx, std::string_view delivery_id);
// Keeps the first point of every `bucket_us` interval of the delivery's path.
Status downsample_path(Transaction& tx, std::string_view delivery_id, std::int64_t bucket_us);

Status insert_eta(Transaction& tx, std::string_view delivery_id, const EtaRecord& record,
                  std::int64_t at_us);
Result<std::vector<EtaRecord>> eta_records(Transaction& tx, std::int64_t since_us);

}  // namespace reskflow::deliveries::repository

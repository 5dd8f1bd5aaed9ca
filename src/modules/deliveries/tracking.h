// Live tracking: the positions of couriers with an active delivery forwarded (throttled) to
// "delivery.<id>" with fresh ETAs, status changes pushed there too, and the path of each
// delivery buffered in memory and written by a background flush (the position listener runs on
// the ingesting thread and must not block).
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "metrics.h"
#include "record.h"
#include "reskflow/core/string_map.h"
#include "reskflow/core/ws_hub.h"
#include "reskflow/drivers/drivers.h"
#include "reskflow/store/database.h"
#include "service.h"

namespace reskflow::deliveries {

inline constexpr std::string_view delivery_family = "delivery";

class Tracker {
 public:
  // Points waiting for the flush, at most; more are dropped (and counted).
  static constexpr std::size_t buffered_points_max = 50'000;

  Tracker(ws::Hub& hub, store::Database& db, Service& service, drivers::Drivers& drivers,
          std::chrono::milliseconds throttle, DeliveriesMetrics& metrics);

  // The deliveries under way, from storage (at start).
  Status load();
  // A committed change: kept in the index while active, pushed to the delivery's topic.
  void changed(const DeliveryRecord& record);
  // A change another node committed, read back when its event arrived: kept in the index while
  // active, so that this node forwards the courier's points too; not pushed (that node did).
  void learned(const DeliveryRecord& record);
  // Non-blocking: the courier's active deliveries get the point in their path and, at most
  // once per throttle interval each, a message with the point and the ETAs.
  void position(const std::string& driver_id, const drivers::Position& position);
  // Writes the buffered points in one transaction.
  Status flush();

 private:
  // A delivery under way as the tracker holds it, with its id and topic made once: a position
  // is buffered and forwarded without building either.
  struct Tracked {
    DeliveryRecord record;
    std::shared_ptr<const std::string> id;
    std::shared_ptr<const std::string> topic;
  };
  static Tracked tracked(DeliveryRecord record);
  // Indexes the record unless a newer version of it was seen; false when it was older.
  bool keep(const DeliveryRecord& record);
  // Takes the delivery out of the index; guarded by mutex_.
  void forget(std::string_view delivery_id);

  ws::Hub& hub_;
  store::Database& db_;
  Service& service_;
  drivers::Drivers& drivers_;
  const std::chrono::milliseconds throttle_;
  DeliveriesMetrics& metrics_;
  std::mutex mutex_;
  StringMap<std::vector<Tracked>> by_driver_;  // guarded
  StringMap<std::string> driver_of_;           // delivery id -> courier, guarded
  StringMap<std::int64_t> last_sent_us_;       // by delivery id, guarded
  // The vehicle of each courier in by_driver_, read when they were indexed: the position
  // listener runs inside the drivers module and does not call back into it.
  StringMap<drivers::Vehicle> vehicles_;  // guarded
  // The newest version seen of each delivery, so that a record read before a newer change (an
  // event's handler racing this node's own write) never replaces it, nor brings an ended
  // delivery back; ended ones are remembered for the last ended_remembered_max deliveries.
  static constexpr std::size_t ended_remembered_max = 100'000;
  StringMap<std::int64_t> version_of_;  // guarded
  std::deque<std::string> ended_;       // oldest first, guarded
  // Points waiting for the flush, by delivery id.
  std::vector<std::pair<std::shared_ptr<const std::string>, PathPoint>> buffer_;  // guarded
};

}  // namespace reskflow::deliveries

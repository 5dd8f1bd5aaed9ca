// Every metric the drivers module exports, declared in one place.
#pragma once

#include "reskflow/core/metrics.h"

namespace reskflow::drivers {

struct DriversMetrics {
  explicit DriversMetrics(metrics::Registry& r)
      : points_accepted(r.counter("drivers_points_total", "Location points received",
                                  {{"outcome", "accepted"}})),
        points_dropped(r.counter("drivers_points_total", "Location points received",
                                 {{"outcome", "dropped"}})),
        points_flagged(r.counter("drivers_points_total", "Location points received",
                                 {{"outcome", "flagged"}})),
        shifts_started(r.counter("drivers_shifts_total", "Shifts", {{"event", "started"}})),
        shifts_ended(r.counter("drivers_shifts_total", "Shifts", {{"event", "ended"}})),
        positions_saved(
            r.counter("drivers_positions_saved_total", "Last positions written to the database")),
        position_save_failures(r.counter("drivers_position_save_failures_total",
                                         "Batches of positions that could not be written (logged, "
                                         "retried at the next flush)")),
        travel_cell_save_failures(r.counter(
            "drivers_travel_cells_save_failures_total",
            "Batches of learned speeds that could not be written (logged, retried at the next "
            "flush)")),
        fleet_errors(r.counter("drivers_fleet_errors_total",
                               "Reads and writes of the shared fleet that failed (Redis "
                               "unreachable: dispatch finds no courier, batches are judged on "
                               "this node)")),
        city_messages(r.counter("drivers_city_messages_total",
                                "Messages published to the admins' live city")),
        on_shift(r.gauge("drivers_on_shift", "Couriers on shift (refreshed by the city feed)")),
        available(r.gauge("drivers_available",
                          "Couriers on shift with a recent point (refreshed by the city feed)")) {}

  metrics::Counter& points_accepted;
  metrics::Counter& points_dropped;
  metrics::Counter& points_flagged;
  metrics::Counter& shifts_started;
  metrics::Counter& shifts_ended;
  metrics::Counter& positions_saved;
  metrics::Counter& position_save_failures;
  metrics::Counter& travel_cell_save_failures;
  metrics::Counter& fleet_errors;
  metrics::Counter& city_messages;
  metrics::Gauge& on_shift;
  metrics::Gauge& available;
};

}  // namespace reskflow::drivers

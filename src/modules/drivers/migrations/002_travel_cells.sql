-- The travel-time model's learned corrections, so a restart keeps what couriers taught it: one
-- row per zone-and-hour cell, keyed under the zone size it was learned with (a node started with
-- another RESKFLOW_DRIVERS_ZONE_CELL_MILLIDEG learns afresh). The factor is in millionths.
CREATE TABLE drivers_travel_cells (
  zone_cell_millideg BIGINT NOT NULL,
  cell_key BIGINT NOT NULL,
  factor_ppm BIGINT NOT NULL CHECK (factor_ppm > 0),
  samples BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL,
  PRIMARY KEY (zone_cell_millideg, cell_key)
);

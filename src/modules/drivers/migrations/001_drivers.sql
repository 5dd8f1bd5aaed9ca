-- Drivers: each courier's vehicle profile and open shift, the history of shifts, and the last
-- accepted position of each courier (written in batches, so a restart keeps it).
CREATE TABLE drivers_profiles (
  driver_id TEXT PRIMARY KEY,
  vehicle TEXT NOT NULL CHECK (vehicle IN ('bike', 'scooter', 'car', 'van')),
  capacity BIGINT NOT NULL CHECK (capacity >= 1),
  cold_storage BOOLEAN NOT NULL,
  -- The open shift: set while the courier is online.
  shift_id TEXT,
  shift_started_at_us BIGINT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX drivers_profiles_shift ON drivers_profiles (shift_id);

CREATE TABLE drivers_shifts (
  id TEXT PRIMARY KEY,
  driver_id TEXT NOT NULL,
  started_at_us BIGINT NOT NULL,
  ended_at_us BIGINT
);
CREATE INDEX drivers_shifts_driver ON drivers_shifts (driver_id, started_at_us);

CREATE TABLE drivers_positions (
  driver_id TEXT PRIMARY KEY,
  lat DOUBLE PRECISION NOT NULL,
  lng DOUBLE PRECISION NOT NULL,
  at_us BIGINT NOT NULL,
  accuracy_m DOUBLE PRECISION NOT NULL,
  speed_mps DOUBLE PRECISION NOT NULL,
  heading_deg DOUBLE PRECISION NOT NULL,
  saved_at_us BIGINT NOT NULL
);

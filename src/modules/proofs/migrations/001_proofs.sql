-- Proofs: the photo and signature of each delivery (their bytes live in the proof store, named
-- by file_key), temperature readings of cold-chain deliveries with the excursions already
-- alerted, and the sensor devices that may post readings for their courier.
CREATE TABLE proofs_files (
  delivery_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('photo', 'signature')),
  sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  file_key TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  uploaded_at_us BIGINT NOT NULL,
  PRIMARY KEY (delivery_id, kind)
);

CREATE TABLE proofs_readings (
  delivery_id TEXT NOT NULL,
  measured_at_us BIGINT NOT NULL,
  celsius DOUBLE PRECISION NOT NULL,
  -- 'courier' (the driver app) or 'device:<device id>'
  source TEXT NOT NULL,
  received_at_us BIGINT NOT NULL,
  PRIMARY KEY (delivery_id, measured_at_us)
);

-- One row per excursion alerted: the run of readings out of range from started_at_us to
-- ended_at_us as it stood when the alert went out.
CREATE TABLE proofs_excursions (
  delivery_id TEXT NOT NULL,
  started_at_us BIGINT NOT NULL,
  ended_at_us BIGINT NOT NULL,
  celsius DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (delivery_id, started_at_us)
);

CREATE TABLE proofs_devices (
  id TEXT PRIMARY KEY,
  -- lowercase hex SHA-256 of the key, which is shown once and never stored
  key_hash TEXT NOT NULL UNIQUE,
  driver_id TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  revoked_at_us BIGINT
);
CREATE INDEX proofs_devices_driver ON proofs_devices (driver_id);

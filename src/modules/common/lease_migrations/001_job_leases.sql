-- Job leases (docs/deployment.md#leases): one row per scheduled job that runs on one node at a
-- time, naming the node that holds it and when the lease lapses by the database's clock.
-- It stays empty on SQLite: one node serves a SQLite database and always holds every lease.
CREATE TABLE job_leases (
  job TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  acquired_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

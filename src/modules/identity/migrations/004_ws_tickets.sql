-- Single-use WebSocket tickets: a signed-in client trades its access token for a ticket (30 s)
-- and opens /v1/ws?ticket=..., so no bearer token ever sits in a URL (proxy and access logs).
CREATE TABLE identity_ws_tickets (
  ticket_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES identity_sessions (id),
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  used_at_us BIGINT
);
CREATE INDEX identity_ws_tickets_expiry ON identity_ws_tickets (expires_at_us);

-- The W3C tracestate that came with each event's trace (other vendors' entries, kept as
-- received), so a consumer's handling and its outgoing calls pass it on. Empty for older rows.
ALTER TABLE outbox ADD COLUMN tracestate TEXT NOT NULL DEFAULT '';
ALTER TABLE bus_dead_letters ADD COLUMN tracestate TEXT NOT NULL DEFAULT '';

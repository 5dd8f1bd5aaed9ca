-- The W3C traceparent of the span that published each event, kept with parked events too, so
-- a consumer's handling (and a replay) continues the producer's trace. Empty for older rows.
ALTER TABLE outbox ADD COLUMN traceparent TEXT NOT NULL DEFAULT '';
ALTER TABLE bus_dead_letters ADD COLUMN traceparent TEXT NOT NULL DEFAULT '';

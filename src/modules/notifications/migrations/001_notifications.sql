-- Notifications: each user's channel choices per kind of event, locale and quiet hours; the
-- in-app inbox; and the durable queue of email and SMS sends with their retries and dead letters.
CREATE TABLE notifications_settings (
  user_id TEXT PRIMARY KEY,
  locale TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  -- Minutes after local midnight; no quiet hours when both are NULL.
  quiet_start_min BIGINT,
  quiet_end_min BIGINT,
  updated_at_us BIGINT NOT NULL
);

-- A row overrides the default of one kind of event on one channel.
CREATE TABLE notifications_preferences (
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  enabled BOOLEAN NOT NULL,
  PRIMARY KEY (user_id, kind, channel)
);

CREATE TABLE notifications_inbox (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  -- The order, delivery or payment the notification is about.
  subject_id TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  read_at_us BIGINT
);
CREATE INDEX notifications_inbox_user ON notifications_inbox (user_id, id);

-- The send queue. status: pending (waiting for next_attempt_at_us), sent, skipped (no address
-- to send to), dead (attempts exhausted or refused by the provider; an admin may replay it).
-- A mail identity sealed keeps its sealed event payload in `sealed` and no text of its own.
CREATE TABLE notifications_sends (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  event_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  sealed TEXT,
  status TEXT NOT NULL,
  attempts BIGINT NOT NULL,
  next_attempt_at_us BIGINT NOT NULL,
  last_error TEXT NOT NULL,
  provider_id TEXT,
  provider_status TEXT,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
-- One send per event, recipient and channel, however often the event is delivered.
CREATE UNIQUE INDEX notifications_sends_once ON notifications_sends (event_id, user_id, channel);
CREATE INDEX notifications_sends_due ON notifications_sends (status, next_attempt_at_us, id);
CREATE INDEX notifications_sends_user ON notifications_sends (user_id);
CREATE INDEX notifications_sends_provider ON notifications_sends (provider_id);

-- Web Push: each device's subscription, the server's VAPID key pair when it made one itself (the
-- private key sealed), and one send per subscription in the queue.
CREATE TABLE notifications_push_subscriptions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  -- The push service's URL for this device; a device subscribes once, whoever is signed in.
  endpoint TEXT NOT NULL UNIQUE,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);
CREATE INDEX notifications_push_subscriptions_user ON notifications_push_subscriptions (user_id, id);

-- One row, id 'vapid': the key pair generated on first start when none is configured.
CREATE TABLE notifications_keys (
  id TEXT PRIMARY KEY,
  public_key TEXT NOT NULL,
  sealed_private_key TEXT NOT NULL,
  created_at_us BIGINT NOT NULL
);

-- The device a push send goes to ('' for email and SMS).
ALTER TABLE notifications_sends ADD COLUMN subscription_id TEXT NOT NULL DEFAULT '';
DROP INDEX notifications_sends_once;
CREATE UNIQUE INDEX notifications_sends_once
  ON notifications_sends (event_id, user_id, channel, subscription_id);

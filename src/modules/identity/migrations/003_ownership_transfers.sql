-- Pending ownership transfers: an owner offers a merchant to one of its members, who accepts
-- (or either side withdraws). One offer per merchant; a new offer replaces the old one.
CREATE TABLE identity_ownership_transfers (
  merchant_id TEXT PRIMARY KEY,
  from_user_id TEXT NOT NULL REFERENCES identity_users (id),
  to_user_id TEXT NOT NULL REFERENCES identity_users (id),
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL
);
CREATE INDEX identity_ownership_transfers_to ON identity_ownership_transfers (to_user_id);

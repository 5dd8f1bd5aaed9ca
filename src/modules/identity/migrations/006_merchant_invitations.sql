-- Invitations to a merchant's staff by email: offered to whoever signs in with that address,
-- verified, until they expire, are accepted, declined or revoked. The address is kept as its
-- HMAC (to match accounts) and encrypted (to show the inviter); no account is looked up when
-- inviting, so an invitation tells nothing about whether the address has one.
CREATE TABLE identity_merchant_invitations (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  email_hash TEXT NOT NULL,
  email_enc TEXT NOT NULL,
  level TEXT NOT NULL,
  invited_by TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  status TEXT NOT NULL,
  decided_at_us BIGINT
);
CREATE INDEX identity_merchant_invitations_email ON identity_merchant_invitations (email_hash, status);
CREATE INDEX identity_merchant_invitations_merchant ON identity_merchant_invitations (merchant_id, status);

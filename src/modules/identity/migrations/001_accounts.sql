-- Accounts, sessions with rotating refresh tokens, MFA, one-time tokens (email verification,
-- password reset), login failure state, partner API keys, merchant membership, ID checks.
-- Personal data columns ending in _enc hold AES-256-GCM ciphertexts ("v1.<kid>.<data>").
CREATE TABLE identity_users (
  id TEXT PRIMARY KEY,
  email_hash TEXT NOT NULL UNIQUE,
  email_enc TEXT NOT NULL,
  name TEXT NOT NULL,
  phone_enc TEXT,
  address_enc TEXT,
  role TEXT NOT NULL,
  status TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  email_verified_at_us BIGINT,
  age_verified BOOLEAN NOT NULL DEFAULT FALSE,
  created_at_us BIGINT NOT NULL,
  updated_at_us BIGINT NOT NULL
);
CREATE INDEX identity_users_role ON identity_users (role, status);

CREATE TABLE identity_sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES identity_users (id),
  created_at_us BIGINT NOT NULL,
  last_used_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  revoked_at_us BIGINT,
  revoked_reason TEXT,
  mfa BOOLEAN NOT NULL,
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX identity_sessions_user ON identity_sessions (user_id, revoked_at_us);

CREATE TABLE identity_refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES identity_sessions (id),
  created_at_us BIGINT NOT NULL,
  rotated_at_us BIGINT
);
CREATE INDEX identity_refresh_tokens_session ON identity_refresh_tokens (session_id);

CREATE TABLE identity_mfa (
  user_id TEXT PRIMARY KEY REFERENCES identity_users (id),
  secret_enc TEXT NOT NULL,
  enabled BOOLEAN NOT NULL,
  last_step BIGINT NOT NULL,
  created_at_us BIGINT NOT NULL
);

CREATE TABLE identity_recovery_codes (
  user_id TEXT NOT NULL REFERENCES identity_users (id),
  code_hash TEXT NOT NULL,
  used_at_us BIGINT,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE identity_one_time_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES identity_users (id),
  purpose TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  expires_at_us BIGINT NOT NULL,
  used_at_us BIGINT
);

CREATE TABLE identity_login_failures (
  key TEXT PRIMARY KEY,
  failures BIGINT NOT NULL,
  locked_until_us BIGINT NOT NULL,
  last_failure_at_us BIGINT NOT NULL
);

CREATE TABLE identity_api_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  partner_user_id TEXT REFERENCES identity_users (id),
  secret_hash TEXT NOT NULL,
  scopes TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  revoked_at_us BIGINT,
  last_used_at_us BIGINT
);

CREATE TABLE identity_merchant_members (
  merchant_id TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES identity_users (id),
  level TEXT NOT NULL,
  created_at_us BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, user_id)
);
CREATE INDEX identity_merchant_members_user ON identity_merchant_members (user_id);

CREATE TABLE identity_id_verifications (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES identity_users (id),
  document_type TEXT NOT NULL,
  number_enc TEXT,
  date_of_birth TEXT,
  image_ref TEXT,
  status TEXT NOT NULL,
  reason TEXT,
  submitted_at_us BIGINT NOT NULL,
  decided_at_us BIGINT,
  decided_by TEXT
);
CREATE INDEX identity_id_verifications_status ON identity_id_verifications (status, id);
CREATE INDEX identity_id_verifications_user ON identity_id_verifications (user_id);

CREATE TABLE identity_audit_log (
  id TEXT PRIMARY KEY,
  at_us BIGINT NOT NULL,
  actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  ip TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX identity_audit_log_actor ON identity_audit_log (actor_id, id);
CREATE INDEX identity_audit_log_action ON identity_audit_log (action, id);
CREATE INDEX identity_audit_log_target ON identity_audit_log (target_id, id);

-- The display name of an audit row's target as it was when the row was written, for targets
-- identity cannot look up itself (a merchant's name lives in the catalog's tables).
ALTER TABLE identity_audit_log ADD COLUMN target_name TEXT NOT NULL DEFAULT '';

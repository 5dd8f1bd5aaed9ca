-- The audit log is append-only: updates and deletes fail in the database itself.
CREATE TRIGGER identity_audit_log_no_update BEFORE UPDATE ON identity_audit_log
BEGIN
  SELECT RAISE(ABORT, 'identity_audit_log is append-only');
END;
CREATE TRIGGER identity_audit_log_no_delete BEFORE DELETE ON identity_audit_log
BEGIN
  SELECT RAISE(ABORT, 'identity_audit_log is append-only');
END;

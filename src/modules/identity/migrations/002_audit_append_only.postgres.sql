-- The audit log is append-only: updates, deletes and truncation fail in the database itself.
CREATE FUNCTION identity_audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'identity_audit_log is append-only';
END;
$$;
CREATE TRIGGER identity_audit_log_no_change BEFORE UPDATE OR DELETE ON identity_audit_log
  FOR EACH ROW EXECUTE FUNCTION identity_audit_log_refuse();
CREATE TRIGGER identity_audit_log_no_truncate BEFORE TRUNCATE ON identity_audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION identity_audit_log_refuse();

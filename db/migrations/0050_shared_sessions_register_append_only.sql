-- The attendance register of a shared session (ADR 026) is a record: a correction is a new entry,
-- never an edit, so the database refuses UPDATE, DELETE and TRUNCATE (the function comes from 0001).
CREATE TRIGGER shared_session_register_append_only
  BEFORE UPDATE OR DELETE ON "shared_session_register"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER shared_session_register_no_truncate
  BEFORE TRUNCATE ON "shared_session_register"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

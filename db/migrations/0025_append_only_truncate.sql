-- Every append-only table refuses TRUNCATE as well as UPDATE and DELETE. The anonymisation
-- decisions and the helpline's call notes did not.
CREATE TRIGGER anonymisation_decisions_no_truncate
  BEFORE TRUNCATE ON "anonymisation_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
-- A call note is never edited or deleted on its own; it goes only with its request (ON DELETE CASCADE).
CREATE TRIGGER callback_notes_append_only
  BEFORE UPDATE ON "callback_notes"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER callback_notes_no_truncate
  BEFORE TRUNCATE ON "callback_notes"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- Review submissions and sign-offs are append-only (the function comes from 0001).
CREATE TRIGGER review_submissions_append_only
  BEFORE UPDATE OR DELETE ON "review_submissions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER review_submissions_no_truncate
  BEFORE TRUNCATE ON "review_submissions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER signoffs_append_only
  BEFORE UPDATE OR DELETE ON "signoffs"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER signoffs_no_truncate
  BEFORE TRUNCATE ON "signoffs"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
-- A learner's history reads the audit trail by enrolment.
CREATE INDEX audit_events_enrolment ON "audit_events" ((detail->>'enrolment'));

-- Marks and the second-marking sample are decisions: append-only, like sign-offs (the function comes from 0001).
CREATE TRIGGER coursework_marks_append_only
  BEFORE UPDATE OR DELETE ON "coursework_marks"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_marks_no_truncate
  BEFORE TRUNCATE ON "coursework_marks"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_samples_append_only
  BEFORE UPDATE OR DELETE ON "coursework_samples"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_samples_no_truncate
  BEFORE TRUNCATE ON "coursework_samples"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_sample_members_append_only
  BEFORE UPDATE OR DELETE ON "coursework_sample_members"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_sample_members_no_truncate
  BEFORE TRUNCATE ON "coursework_sample_members"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

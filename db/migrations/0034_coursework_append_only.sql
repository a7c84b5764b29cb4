-- Coursework decisions and submissions are append-only, like sign-offs (the function comes from 0001).
CREATE TRIGGER coursework_submissions_append_only
  BEFORE UPDATE OR DELETE ON "coursework_submissions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_submissions_no_truncate
  BEFORE TRUNCATE ON "coursework_submissions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_extension_requests_append_only
  BEFORE UPDATE OR DELETE ON "coursework_extension_requests"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_extension_requests_no_truncate
  BEFORE TRUNCATE ON "coursework_extension_requests"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_extension_decisions_append_only
  BEFORE UPDATE OR DELETE ON "coursework_extension_decisions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_extension_decisions_no_truncate
  BEFORE TRUNCATE ON "coursework_extension_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_mitigations_append_only
  BEFORE UPDATE OR DELETE ON "coursework_mitigations"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_mitigations_no_truncate
  BEFORE TRUNCATE ON "coursework_mitigations"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_mitigation_decisions_append_only
  BEFORE UPDATE OR DELETE ON "coursework_mitigation_decisions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_mitigation_decisions_no_truncate
  BEFORE TRUNCATE ON "coursework_mitigation_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_files_append_only
  BEFORE UPDATE OR DELETE ON "coursework_files"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_files_no_truncate
  BEFORE TRUNCATE ON "coursework_files"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_file_contents_append_only
  BEFORE UPDATE OR DELETE ON "coursework_file_contents"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_file_contents_no_truncate
  BEFORE TRUNCATE ON "coursework_file_contents"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

-- The examiner's comments, the exam board's decisions and the marks they confirmed, resubmissions
-- opened and transcripts issued are records: append-only, like sign-offs (the function comes from 0001).
CREATE TRIGGER coursework_examiner_comments_append_only
  BEFORE UPDATE OR DELETE ON "coursework_examiner_comments"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_examiner_comments_no_truncate
  BEFORE TRUNCATE ON "coursework_examiner_comments"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_board_decisions_append_only
  BEFORE UPDATE OR DELETE ON "coursework_board_decisions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_board_decisions_no_truncate
  BEFORE TRUNCATE ON "coursework_board_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_board_marks_append_only
  BEFORE UPDATE OR DELETE ON "coursework_board_marks"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_board_marks_no_truncate
  BEFORE TRUNCATE ON "coursework_board_marks"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_resubmissions_append_only
  BEFORE UPDATE OR DELETE ON "coursework_resubmissions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_resubmissions_no_truncate
  BEFORE TRUNCATE ON "coursework_resubmissions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER transcript_issues_append_only
  BEFORE UPDATE OR DELETE ON "transcript_issues"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER transcript_issues_no_truncate
  BEFORE TRUNCATE ON "transcript_issues"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

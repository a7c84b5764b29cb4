-- Sign-offs are append-only, like the audit trail (the function comes from 0001).
CREATE TRIGGER learning_agreement_signatures_append_only
  BEFORE UPDATE OR DELETE ON "learning_agreement_signatures"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER learning_agreement_signatures_no_truncate
  BEFORE TRUNCATE ON "learning_agreement_signatures"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

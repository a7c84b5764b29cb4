-- Assessment against criteria (ADR 024): statements, submissions, the line manager's confirmation,
-- the independent assessor's appointment and acceptance, and their decisions are records: append-only,
-- like sign-offs (the function comes from 0001).
CREATE TRIGGER criterion_statements_append_only
  BEFORE UPDATE OR DELETE ON "criterion_statements"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criterion_statements_no_truncate
  BEFORE TRUNCATE ON "criterion_statements"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criteria_submissions_append_only
  BEFORE UPDATE OR DELETE ON "criteria_submissions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criteria_submissions_no_truncate
  BEFORE TRUNCATE ON "criteria_submissions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criteria_confirmations_append_only
  BEFORE UPDATE OR DELETE ON "criteria_confirmations"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criteria_confirmations_no_truncate
  BEFORE TRUNCATE ON "criteria_confirmations"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER assessor_appointments_append_only
  BEFORE UPDATE OR DELETE ON "assessor_appointments"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER assessor_appointments_no_truncate
  BEFORE TRUNCATE ON "assessor_appointments"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER assessor_acceptances_append_only
  BEFORE UPDATE OR DELETE ON "assessor_acceptances"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER assessor_acceptances_no_truncate
  BEFORE TRUNCATE ON "assessor_acceptances"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criterion_decisions_append_only
  BEFORE UPDATE OR DELETE ON "criterion_decisions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criterion_decisions_no_truncate
  BEFORE TRUNCATE ON "criterion_decisions"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criteria_outcomes_append_only
  BEFORE UPDATE OR DELETE ON "criteria_outcomes"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER criteria_outcomes_no_truncate
  BEFORE TRUNCATE ON "criteria_outcomes"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
-- An independent assessor is never the candidate, their supervisor or their line manager: the database
-- refuses such an appointment even if the code let one through (the team rule needs the memberships'
-- team, which the code checks).
CREATE OR REPLACE FUNCTION refuse_assessor_not_independent() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  e enrolments%ROWTYPE;
BEGIN
  SELECT * INTO e FROM enrolments WHERE id = NEW.enrolment_id;
  IF NEW.assessor_id = e.user_id
     OR NEW.assessor_id IS NOT DISTINCT FROM e.supervisor_id
     OR NEW.assessor_id IS NOT DISTINCT FROM e.team_manager_id
     OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = e.user_id
                AND m.organisation_id = e.organisation_id AND m.supervisor_id = NEW.assessor_id) THEN
    RAISE EXCEPTION 'The assessor is not independent of the candidate: they are the candidate, their supervisor or their line manager'
      USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessor_appointments_independent
  BEFORE INSERT ON "assessor_appointments"
  FOR EACH ROW EXECUTE FUNCTION refuse_assessor_not_independent();

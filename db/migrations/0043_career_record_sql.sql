-- Share choices and issued career records are records: append-only, like sign-offs (the function comes from 0001).
CREATE TRIGGER career_shares_append_only
  BEFORE UPDATE OR DELETE ON "career_shares"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER career_shares_no_truncate
  BEFORE TRUNCATE ON "career_shares"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER career_record_issues_append_only
  BEFORE UPDATE OR DELETE ON "career_record_issues"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER career_record_issues_no_truncate
  BEFORE TRUNCATE ON "career_record_issues"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
-- A former employer's access to a career record ends with the membership (ADR 025): when a person's
-- last active membership of an organisation ends while their record is shared with it, the share
-- ends too, in a row of its own and in the organisation's audit trail, so that making the membership
-- active again does not bring the old choice back. Whatever ends the membership (a page, an admin,
-- a script), the database does this.
CREATE OR REPLACE FUNCTION end_career_share_with_membership() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.active AND NOT NEW.active
     AND NOT EXISTS (
       SELECT 1 FROM memberships m
       WHERE m.user_id = NEW.user_id AND m.organisation_id = NEW.organisation_id AND m.active AND m.id <> NEW.id
     )
     AND coalesce((
       SELECT s.shared FROM career_shares s
       WHERE s.user_id = NEW.user_id AND s.organisation_id = NEW.organisation_id
       ORDER BY s.at DESC, s.id DESC LIMIT 1
     ), false)
  THEN
    INSERT INTO career_shares (user_id, organisation_id, shared, reason)
      VALUES (NEW.user_id, NEW.organisation_id, false, 'membership_ended');
    INSERT INTO audit_events (organisation_id, action, subject_type, subject_id, detail)
      VALUES (NEW.organisation_id, 'career.share_ended', 'user', NEW.user_id::text, jsonb_build_object('membership', NEW.id));
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER memberships_end_career_share
  AFTER UPDATE OF active ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION end_career_share_with_membership();

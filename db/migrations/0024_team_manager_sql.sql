-- The team manager signs the learning agreement and countersigns reviews and the final recommendation;
-- the programme lead no longer does (ADR 018). No row is changed: signatures and sign-offs are
-- append-only. A programme lead's agreement signature given before stays on record against the
-- version it signed, and no longer counts (app/modules/first-year/agreement.ts), so such an agreement
-- waits for the year's team manager. Countersignatures a programme lead gave stand: they were the
-- rule when given. From here the database refuses a signature in the wrong hands, whatever the code.
-- (The new enum values are compared as text: they cannot be used in the transaction that adds them.)
CREATE FUNCTION check_agreement_signer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  manager uuid;
BEGIN
  IF NEW.party::text = 'programme_lead' THEN
    RAISE EXCEPTION 'A programme lead no longer signs a learning agreement: the team manager does'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.party::text = 'team_manager' THEN
    SELECT e.team_manager_id INTO manager
      FROM learning_agreements a JOIN enrolments e ON e.id = a.enrolment_id
      WHERE a.id = NEW.agreement_id;
    IF manager IS NULL OR manager <> NEW.user_id THEN
      RAISE EXCEPTION 'Only the year''s team manager signs a learning agreement as team manager'
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER learning_agreement_signatures_signer
  BEFORE INSERT ON "learning_agreement_signatures"
  FOR EACH ROW EXECUTE FUNCTION check_agreement_signer();
--> statement-breakpoint
CREATE FUNCTION check_countersigner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  manager uuid;
BEGIN
  IF NEW.step::text = 'countersignature' THEN
    SELECT team_manager_id INTO manager FROM enrolments WHERE id = NEW.enrolment_id;
    IF manager IS NULL OR manager <> NEW.user_id OR NEW.role <> 'team_manager' THEN
      RAISE EXCEPTION 'Only the year''s team manager countersigns, as team manager'
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER signoffs_countersigner
  BEFORE INSERT ON "signoffs"
  FOR EACH ROW EXECUTE FUNCTION check_countersigner();

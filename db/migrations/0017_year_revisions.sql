CREATE TABLE "year_revisions" (
	"enrolment_id" uuid PRIMARY KEY NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "year_revisions" ADD CONSTRAINT "year_revisions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Every write to a year's records moves that year's revision, in the same transaction. The triggers
-- are per statement, with the changed rows as a transition table, so a bulk insert (or COPY) bumps
-- each year once. Enrolments are locked in id order, so two writers cannot deadlock here.
CREATE FUNCTION bump_year_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO year_revisions AS r (enrolment_id)
    SELECT DISTINCT c.enrolment_id FROM changed c JOIN enrolments e ON e.id = c.enrolment_id ORDER BY 1
  ON CONFLICT (enrolment_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_year_revisions_by_agreement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO year_revisions AS r (enrolment_id)
    SELECT DISTINCT a.enrolment_id FROM changed c
      JOIN learning_agreements a ON a.id = c.agreement_id JOIN enrolments e ON e.id = a.enrolment_id ORDER BY 1
  ON CONFLICT (enrolment_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_year_revisions_by_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO year_revisions AS r (enrolment_id)
    SELECT DISTINCT i.enrolment_id FROM changed c
      JOIN evidence_items i ON i.id = c.item_id JOIN enrolments e ON e.id = i.enrolment_id ORDER BY 1
  ON CONFLICT (enrolment_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER learning_agreements_year_revision_insert
  AFTER INSERT ON "learning_agreements" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER learning_agreements_year_revision_update
  AFTER UPDATE ON "learning_agreements" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER learning_agreements_year_revision_delete
  AFTER DELETE ON "learning_agreements" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER supervision_sessions_year_revision_insert
  AFTER INSERT ON "supervision_sessions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER supervision_sessions_year_revision_update
  AFTER UPDATE ON "supervision_sessions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER supervision_sessions_year_revision_delete
  AFTER DELETE ON "supervision_sessions" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER supervision_actions_year_revision_insert
  AFTER INSERT ON "supervision_actions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER supervision_actions_year_revision_update
  AFTER UPDATE ON "supervision_actions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER supervision_actions_year_revision_delete
  AFTER DELETE ON "supervision_actions" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER workload_weeks_year_revision_insert
  AFTER INSERT ON "workload_weeks" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER workload_weeks_year_revision_update
  AFTER UPDATE ON "workload_weeks" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER workload_weeks_year_revision_delete
  AFTER DELETE ON "workload_weeks" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER workload_limits_year_revision_insert
  AFTER INSERT ON "workload_limits" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER workload_limits_year_revision_update
  AFTER UPDATE ON "workload_limits" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER workload_limits_year_revision_delete
  AFTER DELETE ON "workload_limits" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER evidence_items_year_revision_insert
  AFTER INSERT ON "evidence_items" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER evidence_items_year_revision_update
  AFTER UPDATE ON "evidence_items" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER evidence_items_year_revision_delete
  AFTER DELETE ON "evidence_items" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER review_submissions_year_revision_insert
  AFTER INSERT ON "review_submissions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER review_submissions_year_revision_update
  AFTER UPDATE ON "review_submissions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER review_submissions_year_revision_delete
  AFTER DELETE ON "review_submissions" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER signoffs_year_revision_insert
  AFTER INSERT ON "signoffs" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER signoffs_year_revision_update
  AFTER UPDATE ON "signoffs" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER signoffs_year_revision_delete
  AFTER DELETE ON "signoffs" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER anonymisation_decisions_year_revision_insert
  AFTER INSERT ON "anonymisation_decisions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER anonymisation_decisions_year_revision_update
  AFTER UPDATE ON "anonymisation_decisions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER anonymisation_decisions_year_revision_delete
  AFTER DELETE ON "anonymisation_decisions" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER panel_outcomes_year_revision_insert
  AFTER INSERT ON "panel_outcomes" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER panel_outcomes_year_revision_update
  AFTER UPDATE ON "panel_outcomes" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER panel_outcomes_year_revision_delete
  AFTER DELETE ON "panel_outcomes" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER certificates_year_revision_insert
  AFTER INSERT ON "certificates" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER certificates_year_revision_update
  AFTER UPDATE ON "certificates" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER certificates_year_revision_delete
  AFTER DELETE ON "certificates" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions();
--> statement-breakpoint
CREATE TRIGGER learning_agreement_signatures_year_revision_insert
  AFTER INSERT ON "learning_agreement_signatures" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions_by_agreement();
--> statement-breakpoint
CREATE TRIGGER learning_agreement_signatures_year_revision_update
  AFTER UPDATE ON "learning_agreement_signatures" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions_by_agreement();
--> statement-breakpoint
CREATE TRIGGER learning_agreement_signatures_year_revision_delete
  AFTER DELETE ON "learning_agreement_signatures" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions_by_agreement();
--> statement-breakpoint
CREATE TRIGGER evidence_versions_year_revision_insert
  AFTER INSERT ON "evidence_versions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions_by_item();
--> statement-breakpoint
CREATE TRIGGER evidence_versions_year_revision_update
  AFTER UPDATE ON "evidence_versions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions_by_item();
--> statement-breakpoint
CREATE TRIGGER evidence_versions_year_revision_delete
  AFTER DELETE ON "evidence_versions" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions_by_item();

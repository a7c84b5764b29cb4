CREATE TABLE "desk_revisions" (
	"organisation_id" uuid NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"revision" bigint DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "desk_revisions_organisation_id_supervisor_id_pk" PRIMARY KEY("organisation_id","supervisor_id")
);
--> statement-breakpoint
-- Every write to what a supervisor's desk shows moves that desk's revision, in the same transaction,
-- as year_revisions does for a year (migration 0017). Per statement, with the changed rows as a
-- transition table; desks are locked in key order, so two writers cannot deadlock here. A desk
-- lists the active learner memberships naming its supervisor, so each function finds the
-- (organisation, supervisor) pairs its rows reach through memberships.
CREATE FUNCTION bump_desk_revisions_by_membership() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO desk_revisions AS r (organisation_id, supervisor_id)
    SELECT DISTINCT c.organisation_id, c.supervisor_id FROM changed c WHERE c.supervisor_id IS NOT NULL ORDER BY 1, 2
  ON CONFLICT (organisation_id, supervisor_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A supervisee's name or password (an invited person who has not yet set one is shown as invited),
-- or the supervisor's own row.
CREATE FUNCTION bump_desk_revisions_by_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO desk_revisions AS r (organisation_id, supervisor_id)
    SELECT m.organisation_id, m.supervisor_id FROM changed c JOIN memberships m ON m.user_id = c.id
      WHERE m.supervisor_id IS NOT NULL
    UNION
    SELECT m.organisation_id, m.supervisor_id FROM changed c JOIN memberships m ON m.supervisor_id = c.id
    ORDER BY 1, 2
  ON CONFLICT (organisation_id, supervisor_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_desk_revisions_by_enrolment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO desk_revisions AS r (organisation_id, supervisor_id)
    SELECT DISTINCT m.organisation_id, m.supervisor_id FROM changed c
      JOIN memberships m ON m.user_id = c.user_id AND m.organisation_id = c.organisation_id
      WHERE m.supervisor_id IS NOT NULL ORDER BY 1, 2
  ON CONFLICT (organisation_id, supervisor_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A year's revision moved (anything in the year changed), or a lesson was completed.
CREATE FUNCTION bump_desk_revisions_by_enrolment_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO desk_revisions AS r (organisation_id, supervisor_id)
    SELECT DISTINCT m.organisation_id, m.supervisor_id FROM changed c
      JOIN enrolments e ON e.id = c.enrolment_id
      JOIN memberships m ON m.user_id = e.user_id AND m.organisation_id = e.organisation_id
      WHERE m.supervisor_id IS NOT NULL ORDER BY 1, 2
  ON CONFLICT (organisation_id, supervisor_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Reading a lesson again updates its row; only a completion (the desk counts them) moves the desk.
CREATE FUNCTION bump_desk_revisions_by_completion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO desk_revisions AS r (organisation_id, supervisor_id)
    SELECT DISTINCT m.organisation_id, m.supervisor_id FROM new_rows n
      LEFT JOIN old_rows o ON o.id = n.id
      JOIN enrolments e ON e.id = n.enrolment_id
      JOIN memberships m ON m.user_id = e.user_id AND m.organisation_id = e.organisation_id
      WHERE m.supervisor_id IS NOT NULL AND n.completed_at IS DISTINCT FROM o.completed_at ORDER BY 1, 2
  ON CONFLICT (organisation_id, supervisor_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION bump_desk_revisions_by_new_lesson() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO desk_revisions AS r (organisation_id, supervisor_id)
    SELECT DISTINCT m.organisation_id, m.supervisor_id FROM new_rows n
      JOIN enrolments e ON e.id = n.enrolment_id
      JOIN memberships m ON m.user_id = e.user_id AND m.organisation_id = e.organisation_id
      WHERE m.supervisor_id IS NOT NULL AND n.completed_at IS NOT NULL ORDER BY 1, 2
  ON CONFLICT (organisation_id, supervisor_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_desk_revision_insert AFTER INSERT ON "memberships" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_membership();
--> statement-breakpoint
CREATE TRIGGER memberships_desk_revision_update_old AFTER UPDATE ON "memberships" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_membership();
--> statement-breakpoint
CREATE TRIGGER memberships_desk_revision_update_new AFTER UPDATE ON "memberships" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_membership();
--> statement-breakpoint
CREATE TRIGGER memberships_desk_revision_delete AFTER DELETE ON "memberships" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_membership();
--> statement-breakpoint
CREATE TRIGGER users_desk_revision_update AFTER UPDATE ON "users" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_user();
--> statement-breakpoint
CREATE TRIGGER enrolments_desk_revision_insert AFTER INSERT ON "enrolments" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_enrolment();
--> statement-breakpoint
CREATE TRIGGER enrolments_desk_revision_update_old AFTER UPDATE ON "enrolments" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_enrolment();
--> statement-breakpoint
CREATE TRIGGER enrolments_desk_revision_update_new AFTER UPDATE ON "enrolments" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_enrolment();
--> statement-breakpoint
CREATE TRIGGER enrolments_desk_revision_delete AFTER DELETE ON "enrolments" REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_enrolment();
--> statement-breakpoint
CREATE TRIGGER year_revisions_desk_revision_insert AFTER INSERT ON "year_revisions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_enrolment_id();
--> statement-breakpoint
CREATE TRIGGER year_revisions_desk_revision_update AFTER UPDATE ON "year_revisions" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_enrolment_id();
--> statement-breakpoint
CREATE TRIGGER lesson_progress_desk_revision_insert AFTER INSERT ON "lesson_progress" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_new_lesson();
--> statement-breakpoint
CREATE TRIGGER lesson_progress_desk_revision_update AFTER UPDATE ON "lesson_progress" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_desk_revisions_by_completion();

-- An external examiner's appointment becomes a record with a term: each row is one appointment (a
-- member may be appointed again after a term ends), with its first and last days and the role the
-- appointer acted in. Rows written before (only the demo seed wrote this table) keep the day they
-- were made as the start of a four-year term.
ALTER TABLE "coursework_examiners" DROP CONSTRAINT "coursework_examiners_pkey";--> statement-breakpoint
ALTER TABLE "coursework_examiners" DROP CONSTRAINT "coursework_examiners_membership_id_memberships_id_fk";--> statement-breakpoint
ALTER TABLE "coursework_examiners" DROP CONSTRAINT "coursework_examiners_organisation_id_organisations_id_fk";--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD COLUMN "id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD CONSTRAINT "coursework_examiners_pkey" PRIMARY KEY ("id");--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD COLUMN "starts_on" date;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD COLUMN "appointed_by_role" text;--> statement-breakpoint
-- An appointment that names no one as making it is not a record anyone can stand behind: the lead appoints again.
DELETE FROM "coursework_examiners" WHERE "appointed_by_id" IS NULL;--> statement-breakpoint
UPDATE "coursework_examiners" SET
  "starts_on" = ("appointed_at" AT TIME ZONE 'Europe/London')::date,
  "ends_on" = (("appointed_at" AT TIME ZONE 'Europe/London')::date + interval '4 years' - interval '1 day')::date,
  "appointed_by_role" = 'programme_lead';--> statement-breakpoint
ALTER TABLE "coursework_examiners" ALTER COLUMN "starts_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ALTER COLUMN "ends_on" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ALTER COLUMN "appointed_by_role" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ALTER COLUMN "appointed_by_id" SET NOT NULL;--> statement-breakpoint
-- A record outlives nothing it names: no cascade from the membership or the organisation.
ALTER TABLE "coursework_examiners" ADD CONSTRAINT "coursework_examiners_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD CONSTRAINT "coursework_examiners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coursework_examiners_membership" ON "coursework_examiners" USING btree ("membership_id");--> statement-breakpoint
CREATE INDEX "coursework_examiners_org" ON "coursework_examiners" USING btree ("organisation_id");--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD CONSTRAINT "coursework_examiners_term" CHECK ("coursework_examiners"."ends_on" >= "coursework_examiners"."starts_on" and "coursework_examiners"."ends_on" < ("coursework_examiners"."starts_on" + interval '4 years')::date);--> statement-breakpoint
CREATE TABLE "coursework_examiner_endings" (
	"appointment_id" uuid PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"ended_by_id" uuid NOT NULL,
	"ended_by_role" text NOT NULL,
	"ended_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coursework_examiner_endings" ADD CONSTRAINT "coursework_examiner_endings_appointment_id_coursework_examiners_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."coursework_examiners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_examiner_endings" ADD CONSTRAINT "coursework_examiner_endings_ended_by_id_users_id_fk" FOREIGN KEY ("ended_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Appointments and their endings grant and take away access: records, append-only like sign-offs
-- (the function comes from 0001).
CREATE TRIGGER coursework_examiners_append_only
  BEFORE UPDATE OR DELETE ON "coursework_examiners"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_examiners_no_truncate
  BEFORE TRUNCATE ON "coursework_examiners"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_examiner_endings_append_only
  BEFORE UPDATE OR DELETE ON "coursework_examiner_endings"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER coursework_examiner_endings_no_truncate
  BEFORE TRUNCATE ON "coursework_examiner_endings"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();

CREATE TYPE "public"."criteria_outcome" AS ENUM('achieved', 'not_yet_achieved', 'referred');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'independent_assessor';--> statement-breakpoint
CREATE TABLE "assessor_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"declaration" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessor_appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"assessor_id" uuid NOT NULL,
	"appointed_by_id" uuid NOT NULL,
	"appointed_role" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criteria_confirmations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"submission_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"comments" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criteria_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"submission_hash" text NOT NULL,
	"outcome" "criteria_outcome" NOT NULL,
	"development_plan" text DEFAULT '' NOT NULL,
	"resubmit_by" date,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criteria_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"items" jsonb NOT NULL,
	"statements" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criterion_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"submission_id" uuid NOT NULL,
	"submission_hash" text NOT NULL,
	"criterion_code" text NOT NULL,
	"met" boolean NOT NULL,
	"feedback" text NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criterion_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"criterion_code" text NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"written_by_id" uuid NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "award_note" text;--> statement-breakpoint
ALTER TABLE "assessor_acceptances" ADD CONSTRAINT "assessor_acceptances_appointment_id_assessor_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."assessor_appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_acceptances" ADD CONSTRAINT "assessor_acceptances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_appointments" ADD CONSTRAINT "assessor_appointments_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_appointments" ADD CONSTRAINT "assessor_appointments_assessor_id_users_id_fk" FOREIGN KEY ("assessor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessor_appointments" ADD CONSTRAINT "assessor_appointments_appointed_by_id_users_id_fk" FOREIGN KEY ("appointed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_confirmations" ADD CONSTRAINT "criteria_confirmations_submission_id_criteria_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."criteria_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_confirmations" ADD CONSTRAINT "criteria_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_outcomes" ADD CONSTRAINT "criteria_outcomes_submission_id_criteria_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."criteria_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_outcomes" ADD CONSTRAINT "criteria_outcomes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_submissions" ADD CONSTRAINT "criteria_submissions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_submissions" ADD CONSTRAINT "criteria_submissions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_decisions" ADD CONSTRAINT "criterion_decisions_submission_id_criteria_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."criteria_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_decisions" ADD CONSTRAINT "criterion_decisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_statements" ADD CONSTRAINT "criterion_statements_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_statements" ADD CONSTRAINT "criterion_statements_written_by_id_users_id_fk" FOREIGN KEY ("written_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessor_acceptances_once" ON "assessor_acceptances" USING btree ("appointment_id");--> statement-breakpoint
CREATE INDEX "assessor_appointments_enrolment" ON "assessor_appointments" USING btree ("enrolment_id","at");--> statement-breakpoint
CREATE INDEX "assessor_appointments_assessor" ON "assessor_appointments" USING btree ("assessor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "criteria_confirmations_once" ON "criteria_confirmations" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "criteria_outcomes_once" ON "criteria_outcomes" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "criteria_submissions_number" ON "criteria_submissions" USING btree ("enrolment_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "criterion_decisions_once" ON "criterion_decisions" USING btree ("submission_id","criterion_code");--> statement-breakpoint
CREATE UNIQUE INDEX "criterion_statements_version" ON "criterion_statements" USING btree ("enrolment_id","criterion_code","version");
CREATE TYPE "public"."coursework_decision" AS ENUM('approved', 'refused');--> statement-breakpoint
CREATE TYPE "public"."coursework_mitigation_outcome" AS ENUM('accepted', 'not_accepted');--> statement-breakpoint
CREATE TABLE "candidate_numbers" (
	"enrolment_id" uuid PRIMARY KEY NOT NULL,
	"cohort_id" uuid NOT NULL,
	"number" text NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"programme_slug" text NOT NULL,
	"module_slug" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"word_limit" integer NOT NULL,
	"opened_by_id" uuid NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_extension_decisions" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"outcome" "coursework_decision" NOT NULL,
	"deadline" timestamp with time zone,
	"note" text NOT NULL,
	"decided_by_id" uuid NOT NULL,
	"decided_by_role" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_extension_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"reasons" text NOT NULL,
	"requested_deadline" timestamp with time zone NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_file_contents" (
	"file_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"word_count" integer,
	"uploaded_by_id" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_mitigation_decisions" (
	"mitigation_id" uuid PRIMARY KEY NOT NULL,
	"outcome" "coursework_mitigation_outcome" NOT NULL,
	"note" text NOT NULL,
	"decided_by_id" uuid NOT NULL,
	"decided_by_role" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_mitigations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"circumstances" text NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"file_ids" jsonb NOT NULL,
	"word_count" integer NOT NULL,
	"over_length" boolean NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"late" boolean NOT NULL,
	"content_hash" text NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "candidate_numbers" ADD CONSTRAINT "candidate_numbers_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidate_numbers" ADD CONSTRAINT "candidate_numbers_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_assignments" ADD CONSTRAINT "coursework_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_assignments" ADD CONSTRAINT "coursework_assignments_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_assignments" ADD CONSTRAINT "coursework_assignments_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_extension_decisions" ADD CONSTRAINT "coursework_extension_decisions_request_id_coursework_extension_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."coursework_extension_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_extension_decisions" ADD CONSTRAINT "coursework_extension_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_extension_requests" ADD CONSTRAINT "coursework_extension_requests_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_extension_requests" ADD CONSTRAINT "coursework_extension_requests_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_extension_requests" ADD CONSTRAINT "coursework_extension_requests_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_file_contents" ADD CONSTRAINT "coursework_file_contents_file_id_coursework_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."coursework_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_files" ADD CONSTRAINT "coursework_files_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_files" ADD CONSTRAINT "coursework_files_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_files" ADD CONSTRAINT "coursework_files_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_mitigation_decisions" ADD CONSTRAINT "coursework_mitigation_decisions_mitigation_id_coursework_mitigations_id_fk" FOREIGN KEY ("mitigation_id") REFERENCES "public"."coursework_mitigations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_mitigation_decisions" ADD CONSTRAINT "coursework_mitigation_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_mitigations" ADD CONSTRAINT "coursework_mitigations_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_mitigations" ADD CONSTRAINT "coursework_mitigations_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_mitigations" ADD CONSTRAINT "coursework_mitigations_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_submissions" ADD CONSTRAINT "coursework_submissions_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_submissions" ADD CONSTRAINT "coursework_submissions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_submissions" ADD CONSTRAINT "coursework_submissions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "candidate_numbers_cohort_number" ON "candidate_numbers" USING btree ("cohort_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "coursework_assignments_cohort_module" ON "coursework_assignments" USING btree ("cohort_id","module_slug");--> statement-breakpoint
CREATE INDEX "coursework_assignments_org" ON "coursework_assignments" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "coursework_extension_requests_learner" ON "coursework_extension_requests" USING btree ("assignment_id","enrolment_id");--> statement-breakpoint
CREATE INDEX "coursework_files_learner" ON "coursework_files" USING btree ("assignment_id","enrolment_id");--> statement-breakpoint
CREATE INDEX "coursework_mitigations_learner" ON "coursework_mitigations" USING btree ("assignment_id","enrolment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coursework_submissions_version" ON "coursework_submissions" USING btree ("assignment_id","enrolment_id","version");
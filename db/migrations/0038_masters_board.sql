CREATE TABLE "coursework_board_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"signed_name" text NOT NULL,
	"decided_by_id" uuid NOT NULL,
	"decided_by_role" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_board_marks" (
	"decision_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"attempt" integer NOT NULL,
	"mark" integer NOT NULL,
	"capped_mark" integer NOT NULL,
	"band" text NOT NULL,
	"basis" text NOT NULL,
	"credits" integer NOT NULL,
	"feedback" text NOT NULL,
	CONSTRAINT "coursework_board_marks_decision_id_submission_id_pk" PRIMARY KEY("decision_id","submission_id"),
	CONSTRAINT "coursework_board_marks_range" CHECK ("coursework_board_marks"."mark" between 0 and 100 and "coursework_board_marks"."capped_mark" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "coursework_examiner_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"comment" text NOT NULL,
	"examiner_id" uuid NOT NULL,
	"examiner_role" text NOT NULL,
	"commented_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_examiners" (
	"membership_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"programme_slug" text NOT NULL,
	"appointed_by_id" uuid,
	"appointed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "coursework_resubmissions" (
	"assignment_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"opened_by_id" uuid NOT NULL,
	"opened_by_role" text NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coursework_resubmissions_assignment_id_enrolment_id_attempt_pk" PRIMARY KEY("assignment_id","enrolment_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "transcript_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"learner_name" text NOT NULL,
	"institution" text NOT NULL,
	"programme_title" text NOT NULL,
	"total_credits" integer NOT NULL,
	"award" text,
	"classification" text,
	"issued_by_id" uuid NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transcript_issues_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "coursework_submissions" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "coursework_board_decisions" ADD CONSTRAINT "coursework_board_decisions_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_board_decisions" ADD CONSTRAINT "coursework_board_decisions_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_board_marks" ADD CONSTRAINT "coursework_board_marks_decision_id_coursework_board_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."coursework_board_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_board_marks" ADD CONSTRAINT "coursework_board_marks_submission_id_coursework_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."coursework_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_board_marks" ADD CONSTRAINT "coursework_board_marks_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_examiner_comments" ADD CONSTRAINT "coursework_examiner_comments_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_examiner_comments" ADD CONSTRAINT "coursework_examiner_comments_examiner_id_users_id_fk" FOREIGN KEY ("examiner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD CONSTRAINT "coursework_examiners_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD CONSTRAINT "coursework_examiners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_examiners" ADD CONSTRAINT "coursework_examiners_appointed_by_id_users_id_fk" FOREIGN KEY ("appointed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_resubmissions" ADD CONSTRAINT "coursework_resubmissions_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_resubmissions" ADD CONSTRAINT "coursework_resubmissions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_resubmissions" ADD CONSTRAINT "coursework_resubmissions_opened_by_id_users_id_fk" FOREIGN KEY ("opened_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcript_issues" ADD CONSTRAINT "transcript_issues_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transcript_issues" ADD CONSTRAINT "transcript_issues_issued_by_id_users_id_fk" FOREIGN KEY ("issued_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "coursework_board_decisions_attempt" ON "coursework_board_decisions" USING btree ("assignment_id","attempt");--> statement-breakpoint
CREATE INDEX "coursework_board_marks_enrolment" ON "coursework_board_marks" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "coursework_examiner_comments_assignment" ON "coursework_examiner_comments" USING btree ("assignment_id");--> statement-breakpoint
CREATE INDEX "transcript_issues_enrolment" ON "transcript_issues" USING btree ("enrolment_id");
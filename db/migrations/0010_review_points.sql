CREATE TYPE "public"."signoff_step" AS ENUM('supervisor_decision', 'countersignature');--> statement-breakpoint
CREATE TABLE "review_submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"review_code" text NOT NULL,
	"number" integer NOT NULL,
	"learner_comments" text NOT NULL,
	"items" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"submitted_by_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"review_code" text NOT NULL,
	"submission_id" uuid NOT NULL,
	"step" "signoff_step" NOT NULL,
	"decision" text NOT NULL,
	"outcome" text,
	"comments" text DEFAULT '' NOT NULL,
	"action_plan" text,
	"items" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"organisation_id" uuid,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "review_submissions" ADD CONSTRAINT "review_submissions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_submissions" ADD CONSTRAINT "review_submissions_submitted_by_id_users_id_fk" FOREIGN KEY ("submitted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoffs" ADD CONSTRAINT "signoffs_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoffs" ADD CONSTRAINT "signoffs_submission_id_review_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."review_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signoffs" ADD CONSTRAINT "signoffs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "review_submissions_number" ON "review_submissions" USING btree ("enrolment_id","review_code","number");--> statement-breakpoint
CREATE INDEX "signoffs_enrolment" ON "signoffs" USING btree ("enrolment_id","review_code");--> statement-breakpoint
CREATE UNIQUE INDEX "signoffs_once" ON "signoffs" USING btree ("submission_id","step");
CREATE TYPE "public"."coursework_mark_kind" AS ENUM('mark', 'agree', 'propose', 'agreed');--> statement-breakpoint
CREATE TYPE "public"."coursework_marking_stage" AS ENUM('first', 'second', 'third');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'marker';--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'external_examiner';--> statement-breakpoint
CREATE TABLE "coursework_marker_allocations" (
	"assignment_id" uuid NOT NULL,
	"stage" "coursework_marking_stage" NOT NULL,
	"marker_id" uuid NOT NULL,
	"allocated_by_id" uuid NOT NULL,
	"allocated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coursework_marker_allocations_assignment_id_stage_pk" PRIMARY KEY("assignment_id","stage")
);
--> statement-breakpoint
CREATE TABLE "coursework_marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assignment_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"stage" "coursework_marking_stage" NOT NULL,
	"kind" "coursework_mark_kind" NOT NULL,
	"mark" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"feedback" text NOT NULL,
	"annotated_file_id" uuid,
	"marker_id" uuid NOT NULL,
	"marker_role" text NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coursework_marks_mark_range" CHECK ("coursework_marks"."mark" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "coursework_sample_members" (
	"assignment_id" uuid NOT NULL,
	"submission_id" uuid NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "coursework_sample_members_assignment_id_submission_id_pk" PRIMARY KEY("assignment_id","submission_id")
);
--> statement-breakpoint
CREATE TABLE "coursework_samples" (
	"assignment_id" uuid PRIMARY KEY NOT NULL,
	"seed" text NOT NULL,
	"share_percent" integer NOT NULL,
	"drawn_by_id" uuid NOT NULL,
	"drawn_by_role" text NOT NULL,
	"drawn_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coursework_marker_allocations" ADD CONSTRAINT "coursework_marker_allocations_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_marker_allocations" ADD CONSTRAINT "coursework_marker_allocations_marker_id_users_id_fk" FOREIGN KEY ("marker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_marker_allocations" ADD CONSTRAINT "coursework_marker_allocations_allocated_by_id_users_id_fk" FOREIGN KEY ("allocated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_marks" ADD CONSTRAINT "coursework_marks_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_marks" ADD CONSTRAINT "coursework_marks_submission_id_coursework_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."coursework_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_marks" ADD CONSTRAINT "coursework_marks_annotated_file_id_coursework_files_id_fk" FOREIGN KEY ("annotated_file_id") REFERENCES "public"."coursework_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_marks" ADD CONSTRAINT "coursework_marks_marker_id_users_id_fk" FOREIGN KEY ("marker_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_sample_members" ADD CONSTRAINT "coursework_sample_members_assignment_id_coursework_samples_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_samples"("assignment_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_sample_members" ADD CONSTRAINT "coursework_sample_members_submission_id_coursework_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."coursework_submissions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_samples" ADD CONSTRAINT "coursework_samples_assignment_id_coursework_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."coursework_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coursework_samples" ADD CONSTRAINT "coursework_samples_drawn_by_id_users_id_fk" FOREIGN KEY ("drawn_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coursework_marker_allocations_marker" ON "coursework_marker_allocations" USING btree ("marker_id");--> statement-breakpoint
CREATE INDEX "coursework_marks_submission" ON "coursework_marks" USING btree ("submission_id");--> statement-breakpoint
CREATE INDEX "coursework_marks_assignment" ON "coursework_marks" USING btree ("assignment_id","stage");
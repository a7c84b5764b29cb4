CREATE TYPE "public"."action_owner" AS ENUM('learner', 'supervisor');--> statement-breakpoint
CREATE TYPE "public"."supervision_kind" AS ENUM('one_to_one', 'group', 'reflective', 'unplanned');--> statement-breakpoint
CREATE TABLE "supervision_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner" "action_owner" NOT NULL,
	"done_in_session_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"kind" "supervision_kind" NOT NULL,
	"agenda" text NOT NULL,
	"discussion" text NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"learner_comment" text
);
--> statement-breakpoint
ALTER TABLE "supervision_actions" ADD CONSTRAINT "supervision_actions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_actions" ADD CONSTRAINT "supervision_actions_session_id_supervision_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."supervision_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_actions" ADD CONSTRAINT "supervision_actions_done_in_session_id_supervision_sessions_id_fk" FOREIGN KEY ("done_in_session_id") REFERENCES "public"."supervision_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_sessions" ADD CONSTRAINT "supervision_sessions_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_actions_enrolment" ON "supervision_actions" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "supervision_sessions_enrolment" ON "supervision_sessions" USING btree ("enrolment_id","held_on");
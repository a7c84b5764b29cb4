CREATE TABLE "workload_limits" (
	"enrolment_id" uuid PRIMARY KEY NOT NULL,
	"max_caseload" integer NOT NULL,
	"set_by_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workload_weeks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"week_starting" date NOT NULL,
	"caseload" integer NOT NULL,
	"contracted_hours" numeric(5, 2) NOT NULL,
	"protected_hours" numeric(5, 2) NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workload_limits" ADD CONSTRAINT "workload_limits_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workload_limits" ADD CONSTRAINT "workload_limits_set_by_id_users_id_fk" FOREIGN KEY ("set_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workload_weeks" ADD CONSTRAINT "workload_weeks_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workload_weeks" ADD CONSTRAINT "workload_weeks_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "workload_weeks_week" ON "workload_weeks" USING btree ("enrolment_id","week_starting");
CREATE TYPE "public"."call_outcome" AS ENUM('spoke', 'no_answer', 'left_message', 'emailed', 'note');--> statement-breakpoint
CREATE TYPE "public"."callback_status" AS ENUM('new', 'contacted', 'introduced', 'returned', 'closed');--> statement-breakpoint
CREATE TYPE "public"."introduction_status" AS ENUM('introduced', 'interview', 'offered', 'started', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('registered', 'lapsed', 'never_registered');--> statement-breakpoint
CREATE TYPE "public"."specialism" AS ENUM('adults', 'children', 'either');--> statement-breakpoint
CREATE TYPE "public"."updating_kind" AS ENUM('private_study', 'structured_learning', 'shadowing', 'supervised_practice');--> statement-breakpoint
CREATE TABLE "callback_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"outcome" "call_outcome" NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callback_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"helpline_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text NOT NULL,
	"region" text NOT NULL,
	"specialism" "specialism" NOT NULL,
	"last_practised_on" date NOT NULL,
	"registration_status" "registration_status" NOT NULL,
	"lapsed_on" date,
	"best_times" text DEFAULT '' NOT NULL,
	"consent_to_share" boolean NOT NULL,
	"consent_recorded_at" timestamp with time zone,
	"status" "callback_status" DEFAULT 'new' NOT NULL,
	"call_back_by" date NOT NULL,
	"first_contact_at" timestamp with time zone,
	"returner_id" uuid,
	"ip_address" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "callback_requests_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "cpd_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"recorded_on" date NOT NULL,
	"activity" text NOT NULL,
	"learning" text NOT NULL,
	"impact" text NOT NULL,
	"standards" text[] NOT NULL,
	"peer_reflection" text,
	"peer_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "introduction_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"introduction_id" uuid NOT NULL,
	"status" "introduction_status" NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "introductions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"vacancy_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"introduced_by_id" uuid NOT NULL,
	"status" "introduction_status" DEFAULT 'introduced' NOT NULL,
	"interview_on" date,
	"starts_on" date,
	"council_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returner_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"region" text,
	"specialism" "specialism" DEFAULT 'either' NOT NULL,
	"last_practised_on" date,
	"registration_status" "registration_status" DEFAULT 'lapsed' NOT NULL,
	"lapsed_on" date,
	"registration_restored" boolean DEFAULT false NOT NULL,
	"references_received" boolean DEFAULT false NOT NULL,
	"supervised_start_agreed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "updating_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"on" date NOT NULL,
	"hours" numeric(4, 2) NOT NULL,
	"kind" "updating_kind" NOT NULL,
	"description" text NOT NULL,
	"supervised_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"title" text NOT NULL,
	"team" text NOT NULL,
	"region" text NOT NULL,
	"grade" text NOT NULL,
	"salary_from" integer NOT NULL,
	"salary_to" integer NOT NULL,
	"specialism" "specialism" NOT NULL,
	"returner_friendly" boolean DEFAULT false NOT NULL,
	"supervision_offered" text NOT NULL,
	"induction_offered" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"closes_on" date NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"posted_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "callback_notes" ADD CONSTRAINT "callback_notes_request_id_callback_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."callback_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_notes" ADD CONSTRAINT "callback_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_helpline_id_organisations_id_fk" FOREIGN KEY ("helpline_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callback_requests" ADD CONSTRAINT "callback_requests_returner_id_users_id_fk" FOREIGN KEY ("returner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cpd_records" ADD CONSTRAINT "cpd_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_events" ADD CONSTRAINT "introduction_events_introduction_id_introductions_id_fk" FOREIGN KEY ("introduction_id") REFERENCES "public"."introductions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introduction_events" ADD CONSTRAINT "introduction_events_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_request_id_callback_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."callback_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_vacancy_id_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "introductions" ADD CONSTRAINT "introductions_introduced_by_id_users_id_fk" FOREIGN KEY ("introduced_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returner_profiles" ADD CONSTRAINT "returner_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "updating_entries" ADD CONSTRAINT "updating_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacancies" ADD CONSTRAINT "vacancies_posted_by_id_users_id_fk" FOREIGN KEY ("posted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "callback_notes_request" ON "callback_notes" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "callback_requests_address" ON "callback_requests" USING btree ("ip_address","created_at");--> statement-breakpoint
CREATE INDEX "callback_requests_queue" ON "callback_requests" USING btree ("helpline_id","status","created_at");--> statement-breakpoint
CREATE INDEX "callback_requests_returner" ON "callback_requests" USING btree ("returner_id") WHERE "callback_requests"."returner_id" is not null;--> statement-breakpoint
CREATE INDEX "cpd_records_user" ON "cpd_records" USING btree ("user_id","recorded_on");--> statement-breakpoint
CREATE INDEX "introduction_events_introduction" ON "introduction_events" USING btree ("introduction_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "introductions_request_vacancy" ON "introductions" USING btree ("request_id","vacancy_id");--> statement-breakpoint
CREATE INDEX "introductions_organisation" ON "introductions" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "updating_entries_user" ON "updating_entries" USING btree ("user_id","on");--> statement-breakpoint
CREATE INDEX "vacancies_open" ON "vacancies" USING btree ("closes_on","region");--> statement-breakpoint
CREATE INDEX "vacancies_organisation" ON "vacancies" USING btree ("organisation_id");
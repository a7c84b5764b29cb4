CREATE TYPE "public"."checkout_mode" AS ENUM('stripe', 'test');--> statement-breakpoint
CREATE TYPE "public"."payment_kind" AS ENUM('paid', 'failed', 'refunded', 'disputed');--> statement-breakpoint
CREATE TYPE "public"."seat_event_kind" AS ENUM('assigned', 'taken_back', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."vat_treatment" AS ENUM('exempt', 'included', 'added');--> statement-breakpoint
ALTER TYPE "public"."enrolment_status" ADD VALUE 'refunded';--> statement-breakpoint
CREATE TABLE "checkout_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stripe_session_id" text NOT NULL,
	"mode" "checkout_mode" NOT NULL,
	"buyer_id" uuid NOT NULL,
	"buyer_role" text NOT NULL,
	"organisation_id" uuid,
	"programme_slug" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_pence" integer NOT NULL,
	"vat" "vat_treatment" NOT NULL,
	"vat_pence" integer NOT NULL,
	"total_pence" integer NOT NULL,
	"currency" text DEFAULT 'gbp' NOT NULL,
	"by_invoice" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stripe_event_id" text NOT NULL,
	"type" text NOT NULL,
	"livemode" boolean NOT NULL,
	"object_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "payment_kind" NOT NULL,
	"checkout_session_id" uuid,
	"payment_intent_id" text,
	"charge_id" text,
	"object_key" text NOT NULL,
	"amount_pence" integer NOT NULL,
	"currency" text DEFAULT 'gbp' NOT NULL,
	"receipt_url" text,
	"reason" text,
	"event_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seat_id" uuid NOT NULL,
	"kind" "seat_event_kind" NOT NULL,
	"learner_id" uuid,
	"enrolment_id" uuid,
	"started" boolean DEFAULT false NOT NULL,
	"by_id" uuid,
	"by_role" text NOT NULL,
	"sequence" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checkout_session_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_buyer_id_users_id_fk" FOREIGN KEY ("buyer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkout_sessions" ADD CONSTRAINT "checkout_sessions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_checkout_session_id_checkout_sessions_id_fk" FOREIGN KEY ("checkout_session_id") REFERENCES "public"."checkout_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_event_id_payment_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."payment_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_learner_id_users_id_fk" FOREIGN KEY ("learner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_checkout_session_id_checkout_sessions_id_fk" FOREIGN KEY ("checkout_session_id") REFERENCES "public"."checkout_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "checkout_sessions_stripe_id" ON "checkout_sessions" USING btree ("stripe_session_id");--> statement-breakpoint
CREATE INDEX "checkout_sessions_buyer" ON "checkout_sessions" USING btree ("buyer_id");--> statement-breakpoint
CREATE INDEX "checkout_sessions_organisation" ON "checkout_sessions" USING btree ("organisation_id") WHERE "checkout_sessions"."organisation_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_events_stripe_id" ON "payment_events" USING btree ("stripe_event_id");--> statement-breakpoint
CREATE INDEX "payment_events_object" ON "payment_events" USING btree ("object_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_kind_object" ON "payments" USING btree ("kind","object_key");--> statement-breakpoint
CREATE INDEX "payments_session" ON "payments" USING btree ("checkout_session_id");--> statement-breakpoint
CREATE INDEX "payments_intent" ON "payments" USING btree ("payment_intent_id") WHERE "payments"."payment_intent_id" is not null;--> statement-breakpoint
CREATE INDEX "payments_occurred" ON "payments" USING btree ("occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_assignments_sequence" ON "seat_assignments" USING btree ("seat_id","sequence");--> statement-breakpoint
CREATE INDEX "seat_assignments_learner" ON "seat_assignments" USING btree ("learner_id") WHERE "seat_assignments"."learner_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "seats_number" ON "seats" USING btree ("checkout_session_id","number");
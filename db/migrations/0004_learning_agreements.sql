CREATE TYPE "public"."agreement_party" AS ENUM('learner', 'supervisor', 'programme_lead');--> statement-breakpoint
CREATE TABLE "learning_agreement_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"party" "agreement_party" NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"support" text DEFAULT '' NOT NULL,
	"protected_time" text DEFAULT '' NOT NULL,
	"caseload" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"content_hash" text NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_agreements_enrolment_id_unique" UNIQUE("enrolment_id")
);
--> statement-breakpoint
ALTER TABLE "learning_agreement_signatures" ADD CONSTRAINT "learning_agreement_signatures_agreement_id_learning_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."learning_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_agreement_signatures" ADD CONSTRAINT "learning_agreement_signatures_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_agreements" ADD CONSTRAINT "learning_agreements_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_agreements" ADD CONSTRAINT "learning_agreements_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_agreement_signatures_agreement" ON "learning_agreement_signatures" USING btree ("agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "learning_agreement_signatures_once" ON "learning_agreement_signatures" USING btree ("agreement_id","version","party");
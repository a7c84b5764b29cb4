CREATE TABLE "career_record_issues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"user_id" uuid NOT NULL,
	"person_name" text NOT NULL,
	"awards" jsonb NOT NULL,
	"stage" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "career_record_issues_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "career_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"shared" boolean NOT NULL,
	"reason" text DEFAULT 'chosen' NOT NULL,
	"decided_by_id" uuid,
	"decided_by_role" text,
	"at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "career_record_issues" ADD CONSTRAINT "career_record_issues_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "career_shares" ADD CONSTRAINT "career_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "career_shares" ADD CONSTRAINT "career_shares_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "career_shares" ADD CONSTRAINT "career_shares_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "career_record_issues_person" ON "career_record_issues" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "career_shares_person" ON "career_shares" USING btree ("user_id","organisation_id","at");
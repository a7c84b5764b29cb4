CREATE TABLE "anonymisation_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"finding_key" text NOT NULL,
	"kind" text NOT NULL,
	"passage" text NOT NULL,
	"decision" text NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "anonymisation_decisions" ADD CONSTRAINT "anonymisation_decisions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anonymisation_decisions" ADD CONSTRAINT "anonymisation_decisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anonymisation_decisions_enrolment" ON "anonymisation_decisions" USING btree ("enrolment_id","item_id","version");--> statement-breakpoint
CREATE TRIGGER anonymisation_decisions_append_only
  BEFORE UPDATE OR DELETE ON "anonymisation_decisions"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();

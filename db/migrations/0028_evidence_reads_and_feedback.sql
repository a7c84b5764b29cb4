CREATE TABLE "evidence_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"author_role" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_reads" (
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reader_id" uuid NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evidence_feedback" ADD CONSTRAINT "evidence_feedback_item_id_evidence_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_feedback" ADD CONSTRAINT "evidence_feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_reads" ADD CONSTRAINT "evidence_reads_item_id_evidence_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."evidence_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_reads" ADD CONSTRAINT "evidence_reads_reader_id_users_id_fk" FOREIGN KEY ("reader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_feedback_item" ON "evidence_feedback" USING btree ("item_id","version","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_reads_item_version_reader" ON "evidence_reads" USING btree ("item_id","version","reader_id");--> statement-breakpoint
-- Feedback is a record of what was said: it is never changed or removed.
CREATE TRIGGER evidence_feedback_append_only
  BEFORE UPDATE OR DELETE ON "evidence_feedback"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_feedback_no_truncate
  BEFORE TRUNCATE ON "evidence_feedback"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change_to_append_only();
--> statement-breakpoint
-- A first read of a version and new feedback change what the year's pages show ("to read", the
-- thread): they move the year's revision like every other write to its records (migration 0017).
CREATE TRIGGER evidence_reads_year_revision_insert
  AFTER INSERT ON "evidence_reads" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions_by_item();
--> statement-breakpoint
CREATE TRIGGER evidence_feedback_year_revision_insert
  AFTER INSERT ON "evidence_feedback" REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION bump_year_revisions_by_item();

ALTER TABLE "certificates" ADD COLUMN "ends_on" text;--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "decided_on" text;--> statement-breakpoint
ALTER TABLE "panel_outcomes" ADD COLUMN "signoff_id" uuid;--> statement-breakpoint
ALTER TABLE "panel_outcomes" ADD COLUMN "submission_hash" text;--> statement-breakpoint
ALTER TABLE "panel_outcomes" ADD COLUMN "extension_days" integer;--> statement-breakpoint
ALTER TABLE "panels" ADD COLUMN "cases" jsonb;
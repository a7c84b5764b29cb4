ALTER TABLE "two_factor_credentials" ADD COLUMN "replacement_ciphertext" text;--> statement-breakpoint
ALTER TABLE "two_factor_credentials" ADD COLUMN "replacement_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "two_factor_credentials" ADD COLUMN "replacement_session_id" text;
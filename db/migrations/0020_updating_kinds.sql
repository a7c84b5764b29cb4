ALTER TABLE "updating_entries" ALTER COLUMN "kind" SET DATA TYPE text;--> statement-breakpoint
DROP TYPE "public"."updating_kind";--> statement-breakpoint
CREATE TYPE "public"."updating_kind" AS ENUM('supervised_practice', 'formal_study', 'private_study');--> statement-breakpoint
ALTER TABLE "updating_entries" ALTER COLUMN "kind" SET DATA TYPE "public"."updating_kind" USING "kind"::"public"."updating_kind";
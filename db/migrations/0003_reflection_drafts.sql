ALTER TABLE "lesson_reflections" ALTER COLUMN "body" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "lesson_reflections" ADD COLUMN "draft_body" text;
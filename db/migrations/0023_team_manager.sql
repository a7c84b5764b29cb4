ALTER TYPE "public"."role" ADD VALUE 'team_manager';--> statement-breakpoint
ALTER TYPE "public"."agreement_party" ADD VALUE 'team_manager';--> statement-breakpoint
ALTER TABLE "enrolments" ADD COLUMN "team_manager_id" uuid;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_team_manager_id_users_id_fk" FOREIGN KEY ("team_manager_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enrolments_team_manager" ON "enrolments" USING btree ("team_manager_id") WHERE "enrolments"."team_manager_id" is not null;
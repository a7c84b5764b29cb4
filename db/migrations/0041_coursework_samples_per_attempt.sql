-- Each attempt of an assignment (the first, then the resubmissions) has its own second-marking
-- sample, drawn from its own seed (ADR 023, addendum). Samples drawn before this are attempt 1's.
ALTER TABLE "coursework_sample_members" DROP CONSTRAINT "coursework_sample_members_assignment_id_coursework_samples_assignment_id_fk";--> statement-breakpoint
ALTER TABLE "coursework_samples" DROP CONSTRAINT "coursework_samples_pkey";--> statement-breakpoint
ALTER TABLE "coursework_samples" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "coursework_sample_members" ADD COLUMN "attempt" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "coursework_samples" ADD CONSTRAINT "coursework_samples_assignment_id_attempt_pk" PRIMARY KEY("assignment_id","attempt");--> statement-breakpoint
ALTER TABLE "coursework_sample_members" ADD CONSTRAINT "coursework_sample_members_sample_fk" FOREIGN KEY ("assignment_id","attempt") REFERENCES "public"."coursework_samples"("assignment_id","attempt") ON DELETE no action ON UPDATE no action;

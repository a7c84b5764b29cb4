CREATE TYPE "public"."partner_agency" AS ENUM('police', 'health', 'education');--> statement-breakpoint
CREATE TYPE "public"."attendance" AS ENUM('attended', 'apologies', 'absent');--> statement-breakpoint
CREATE TYPE "public"."shared_session_party" AS ENUM('learner', 'partner');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'partner';--> statement-breakpoint
ALTER TYPE "public"."evidence_kind" ADD VALUE 'shared_session';--> statement-breakpoint
CREATE TABLE "shared_session_invitees" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"party" "shared_session_party" NOT NULL,
	"user_id" uuid,
	"enrolment_id" uuid,
	"invitation_id" uuid,
	"invited_by_id" uuid NOT NULL,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shared_session_invitees_who" CHECK (("shared_session_invitees"."party" = 'learner' and "shared_session_invitees"."user_id" is not null and "shared_session_invitees"."enrolment_id" is not null and "shared_session_invitees"."invitation_id" is null)
        or ("shared_session_invitees"."party" = 'partner' and "shared_session_invitees"."enrolment_id" is null and ("shared_session_invitees"."user_id" is not null or "shared_session_invitees"."invitation_id" is not null)))
);
--> statement-breakpoint
CREATE TABLE "shared_session_material_contents" (
	"material_id" uuid PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shared_session_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by_id" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shared_session_register" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "attendance" NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_by_role" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shared_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"programme_slug" text NOT NULL,
	"module_slug" text NOT NULL,
	"lesson_slug" text,
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"place" text,
	"link" text,
	"facilitator_id" uuid NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shared_sessions_place_or_link" CHECK ("shared_sessions"."place" is not null or "shared_sessions"."link" is not null),
	CONSTRAINT "shared_sessions_minutes" CHECK ("shared_sessions"."minutes" between 15 and 600)
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "agency_kind" "partner_agency";--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "agency" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "agency_kind" "partner_agency";--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "agency" text;--> statement-breakpoint
ALTER TABLE "shared_session_invitees" ADD CONSTRAINT "shared_session_invitees_session_id_shared_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."shared_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_invitees" ADD CONSTRAINT "shared_session_invitees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_invitees" ADD CONSTRAINT "shared_session_invitees_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_invitees" ADD CONSTRAINT "shared_session_invitees_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_invitees" ADD CONSTRAINT "shared_session_invitees_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_material_contents" ADD CONSTRAINT "shared_session_material_contents_material_id_shared_session_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."shared_session_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_materials" ADD CONSTRAINT "shared_session_materials_session_id_shared_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."shared_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_materials" ADD CONSTRAINT "shared_session_materials_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_register" ADD CONSTRAINT "shared_session_register_session_id_shared_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."shared_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_register" ADD CONSTRAINT "shared_session_register_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_session_register" ADD CONSTRAINT "shared_session_register_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_sessions" ADD CONSTRAINT "shared_sessions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_sessions" ADD CONSTRAINT "shared_sessions_facilitator_id_users_id_fk" FOREIGN KEY ("facilitator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shared_sessions" ADD CONSTRAINT "shared_sessions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shared_session_invitees_person" ON "shared_session_invitees" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shared_session_invitees_invitation" ON "shared_session_invitees" USING btree ("session_id","invitation_id");--> statement-breakpoint
CREATE INDEX "shared_session_invitees_user" ON "shared_session_invitees" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "shared_session_invitees_pending" ON "shared_session_invitees" USING btree ("invitation_id") WHERE "shared_session_invitees"."user_id" is null;--> statement-breakpoint
CREATE INDEX "shared_session_materials_session" ON "shared_session_materials" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "shared_session_register_session" ON "shared_session_register" USING btree ("session_id","user_id","recorded_at");--> statement-breakpoint
CREATE INDEX "shared_sessions_org" ON "shared_sessions" USING btree ("organisation_id","starts_at");--> statement-breakpoint
CREATE INDEX "shared_sessions_facilitator" ON "shared_sessions" USING btree ("facilitator_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_partner_agency" CHECK (("memberships"."role"::text = 'partner' and "memberships"."agency_kind" is not null and "memberships"."agency" is not null) or ("memberships"."role"::text <> 'partner' and "memberships"."agency_kind" is null and "memberships"."agency" is null));
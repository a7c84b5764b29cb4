CREATE TABLE "ended_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"ended_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "held_posts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"browser_key" text NOT NULL,
	"user_id" uuid NOT NULL,
	"path" text NOT NULL,
	"sealed" text NOT NULL,
	"held_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "held_posts" ADD CONSTRAINT "held_posts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ended_sessions_ended_at" ON "ended_sessions" USING btree ("ended_at");--> statement-breakpoint
CREATE UNIQUE INDEX "held_posts_browser_user_path" ON "held_posts" USING btree ("browser_key","user_id","path");--> statement-breakpoint
CREATE INDEX "held_posts_expires_at" ON "held_posts" USING btree ("expires_at");
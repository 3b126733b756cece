CREATE TABLE "user_passwords" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"password_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_passwords" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "user_passwords" ADD CONSTRAINT "user_passwords_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Every hash moves to its own row before the column goes (as the migrating role, before row-level security is forced).
INSERT INTO "user_passwords" ("user_id", "password_hash", "updated_at")
  SELECT "id", "password_hash", "updated_at" FROM "users" WHERE "password_hash" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "password_hash";--> statement-breakpoint
ALTER TABLE "user_passwords" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "user_passwords_view" ON "user_passwords" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "user_passwords_set" ON "user_passwords" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_subject()) or exists (select 1 from users u where u.id = user_id and app_invitation_names(u.email, null, null)));--> statement-breakpoint
CREATE POLICY "user_passwords_change" ON "user_passwords" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (user_id = (select app_subject())) WITH CHECK (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "user_passwords_remove" ON "user_passwords" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));
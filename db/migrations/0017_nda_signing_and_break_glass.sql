CREATE TYPE "public"."nda_request_status" AS ENUM('sent', 'signed', 'refused', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."nda_signature_method" AS ENUM('portal', 'paper');--> statement-breakpoint
CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "nda_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"nda_version_id" uuid NOT NULL,
	"client_account_id" uuid,
	"expires_at" timestamp with time zone,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "nda_request_status" DEFAULT 'sent' NOT NULL,
	"decided_at" timestamp with time zone,
	"refusal_reason" text
);
--> statement-breakpoint
ALTER TABLE "allowlist_entries" ADD COLUMN "break_glass_id" uuid;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "break_glass_id" uuid;--> statement-breakpoint
ALTER TABLE "nda_signatures" ADD COLUMN "method" "nda_signature_method" DEFAULT 'portal' NOT NULL;--> statement-breakpoint
ALTER TABLE "nda_signatures" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "nda_signatures" ADD COLUMN "signer_name" text;--> statement-breakpoint
ALTER TABLE "nda_signatures" ADD COLUMN "signed_text_sha256" text;--> statement-breakpoint
ALTER TABLE "nda_signatures" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "nda_versions" ADD COLUMN "material" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_requests" ADD CONSTRAINT "nda_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_requests" ADD CONSTRAINT "nda_requests_nda_version_id_nda_versions_id_fk" FOREIGN KEY ("nda_version_id") REFERENCES "public"."nda_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_requests" ADD CONSTRAINT "nda_requests_client_account_id_client_accounts_id_fk" FOREIGN KEY ("client_account_id") REFERENCES "public"."client_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_requests" ADD CONSTRAINT "nda_requests_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "break_glass_grants_user_idx" ON "break_glass_grants" USING btree ("user_id","expires_at");--> statement-breakpoint
CREATE INDEX "nda_requests_user_idx" ON "nda_requests" USING btree ("user_id","status");--> statement-breakpoint
ALTER TABLE "allowlist_entries" ADD CONSTRAINT "allowlist_entries_break_glass_id_break_glass_grants_id_fk" FOREIGN KEY ("break_glass_id") REFERENCES "public"."break_glass_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_break_glass_id_break_glass_grants_id_fk" FOREIGN KEY ("break_glass_id") REFERENCES "public"."break_glass_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nda_signatures" ADD CONSTRAINT "nda_signatures_request_id_nda_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."nda_requests"("id") ON DELETE no action ON UPDATE no action;
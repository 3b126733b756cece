CREATE TYPE "public"."access_request_kind" AS ENUM('membership', 'high_risk_item');--> statement-breakpoint
CREATE TYPE "public"."access_request_status" AS ENUM('open', 'approved', 'refused');--> statement-breakpoint
CREATE TYPE "public"."allowlist_status" AS ENUM('pending', 'active', 'refused');--> statement-breakpoint
CREATE TYPE "public"."authorization_outcome" AS ENUM('signed', 'refused', 'revoked');--> statement-breakpoint
ALTER TYPE "public"."authorization_kind" ADD VALUE 'zero_public_association';--> statement-breakpoint
CREATE TABLE "authorization_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_account_id" uuid NOT NULL,
	"project_id" uuid,
	"kind" "authorization_kind" NOT NULL,
	"public_title" text NOT NULL,
	"public_summary" text NOT NULL,
	"text" text NOT NULL,
	"text_sha256" text NOT NULL,
	"expires_at" timestamp with time zone,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"href" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "access_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requester_id" uuid NOT NULL,
	"kind" "access_request_kind" NOT NULL,
	"project_id" uuid NOT NULL,
	"item_id" uuid,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"reason" text NOT NULL,
	"status" "access_request_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text
);
--> statement-breakpoint
ALTER TABLE "authorizations" ALTER COLUMN "public_title" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "authorizations" ALTER COLUMN "public_summary" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "client_accounts" ADD COLUMN "requires_high_risk_approval" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "allowlist_entries" ADD COLUMN "status" "allowlist_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "allowlist_entries" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "allowlist_entries" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "allowlist_entries" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "authorizations" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "authorizations" ADD COLUMN "outcome" "authorization_outcome" DEFAULT 'signed' NOT NULL;--> statement-breakpoint
ALTER TABLE "authorizations" ADD COLUMN "revokes_id" uuid;--> statement-breakpoint
ALTER TABLE "authorizations" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "authorization_requests" ADD CONSTRAINT "authorization_requests_client_account_id_client_accounts_id_fk" FOREIGN KEY ("client_account_id") REFERENCES "public"."client_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_requests" ADD CONSTRAINT "authorization_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorization_requests" ADD CONSTRAINT "authorization_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_requests" ADD CONSTRAINT "access_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authorization_requests_project_idx" ON "authorization_requests" USING btree ("project_id","requested_at");--> statement-breakpoint
CREATE INDEX "authorization_requests_client_idx" ON "authorization_requests" USING btree ("client_account_id","requested_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "access_requests_status_idx" ON "access_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "access_requests_requester_idx" ON "access_requests" USING btree ("requester_id","created_at");--> statement-breakpoint
ALTER TABLE "allowlist_entries" ADD CONSTRAINT "allowlist_entries_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_request_id_authorization_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."authorization_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_revokes_id_authorizations_id_fk" FOREIGN KEY ("revokes_id") REFERENCES "public"."authorizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authorizations_client_idx" ON "authorizations" USING btree ("client_account_id","signed_at");--> statement-breakpoint
CREATE INDEX "authorizations_revokes_idx" ON "authorizations" USING btree ("revokes_id");--> statement-breakpoint
CREATE INDEX "authorizations_request_idx" ON "authorizations" USING btree ("request_id");--> statement-breakpoint
ALTER TABLE "authorizations" ADD CONSTRAINT "authorizations_revocation_target" CHECK (("authorizations"."outcome" = 'revoked') = ("authorizations"."revokes_id" is not null));
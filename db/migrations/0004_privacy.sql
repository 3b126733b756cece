CREATE TYPE "public"."privacy_flag_kind" AS ENUM('restricted', 'objected', 'erased');--> statement-breakpoint
CREATE TYPE "public"."privacy_jurisdiction" AS ENUM('gdpr', 'california', 'other');--> statement-breakpoint
CREATE TYPE "public"."privacy_request_kind" AS ENUM('access', 'portability', 'correction', 'deletion', 'restriction', 'objection', 'withdraw_consent', 'opt_out_sale_sharing', 'limit_sensitive');--> statement-breakpoint
CREATE TYPE "public"."privacy_request_status" AS ENUM('received', 'verifying', 'in_progress', 'extended', 'completed', 'refused');--> statement-breakpoint
CREATE TYPE "public"."consent_decision" AS ENUM('granted', 'denied');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('banner', 'settings', 'gpc', 'account', 'request');--> statement-breakpoint
CREATE TYPE "public"."consent_purpose" AS ENUM('analytics', 'functional', 'marketing', 'marketing_email', 'sale_sharing', 'sensitive_use');--> statement-breakpoint
CREATE TYPE "public"."retention_period_unit" AS ENUM('days', 'months', 'years');--> statement-breakpoint
CREATE TYPE "public"."retention_rule_key" AS ENUM('business_contacts', 'contract_records', 'project_content', 'unverified_requests');--> statement-breakpoint
CREATE TABLE "privacy_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"flag" "privacy_flag_kind" NOT NULL,
	"request_id" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "privacy_request_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"code_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "privacy_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" bigint GENERATED ALWAYS AS IDENTITY (sequence name "privacy_requests_ref_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" "privacy_request_kind" NOT NULL,
	"jurisdiction" "privacy_jurisdiction" NOT NULL,
	"status" "privacy_request_status" NOT NULL,
	"channel" text NOT NULL,
	"subject_user_id" uuid,
	"subject_name" text NOT NULL,
	"subject_email" text NOT NULL,
	"details" text,
	"agent_name" text,
	"agent_email" text,
	"agent_permission_text" text,
	"agent_permission_sha256" text,
	"agent_signed_at" timestamp with time zone,
	"agent_may_receive" boolean DEFAULT false NOT NULL,
	"verification_method" text,
	"verified_at" timestamp with time zone,
	"subject_confirmed_at" timestamp with time zone,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"ack_due_on" date,
	"due_on" date NOT NULL,
	"original_due_on" date NOT NULL,
	"extended_at" timestamp with time zone,
	"extension_reason" text,
	"closed_at" timestamp with time zone,
	"refusal_reason" text,
	"receipt" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppression_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email_sha256" text NOT NULL,
	"request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"browser_id" text,
	"purpose" "consent_purpose" NOT NULL,
	"decision" "consent_decision" NOT NULL,
	"method" "consent_method" NOT NULL,
	"notice_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_acknowledgements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"policy_version_id" uuid NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"body_sha256" text NOT NULL,
	"summary" text NOT NULL,
	"effective_on" date NOT NULL,
	"material" boolean DEFAULT false NOT NULL,
	"published_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_account_id" uuid,
	"project_id" uuid,
	"reason" text NOT NULL,
	"placed_by" uuid,
	"placed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" uuid,
	CONSTRAINT "legal_holds_one_target" CHECK (("legal_holds"."client_account_id" is null) <> ("legal_holds"."project_id" is null))
);
--> statement-breakpoint
CREATE TABLE "retention_rules" (
	"key" "retention_rule_key" PRIMARY KEY NOT NULL,
	"period_value" integer NOT NULL,
	"period_unit" "retention_period_unit" NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "privacy_exports" ADD CONSTRAINT "privacy_exports_request_id_privacy_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."privacy_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_exports" ADD CONSTRAINT "privacy_exports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_flags" ADD CONSTRAINT "privacy_flags_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_flags" ADD CONSTRAINT "privacy_flags_request_id_privacy_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."privacy_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request_codes" ADD CONSTRAINT "privacy_request_codes_request_id_privacy_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."privacy_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_requests" ADD CONSTRAINT "privacy_requests_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppression_entries" ADD CONSTRAINT "suppression_entries_request_id_privacy_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."privacy_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_acknowledgements" ADD CONSTRAINT "policy_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_acknowledgements" ADD CONSTRAINT "policy_acknowledgements_policy_version_id_policy_versions_id_fk" FOREIGN KEY ("policy_version_id") REFERENCES "public"."policy_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_client_account_id_client_accounts_id_fk" FOREIGN KEY ("client_account_id") REFERENCES "public"."client_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_placed_by_users_id_fk" FOREIGN KEY ("placed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rules" ADD CONSTRAINT "retention_rules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_exports_token_key" ON "privacy_exports" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "privacy_flags_user_idx" ON "privacy_flags" USING btree ("user_id","flag");--> statement-breakpoint
CREATE INDEX "privacy_request_codes_request_idx" ON "privacy_request_codes" USING btree ("request_id","purpose");--> statement-breakpoint
CREATE INDEX "privacy_requests_status_due_idx" ON "privacy_requests" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "privacy_requests_subject_idx" ON "privacy_requests" USING btree ("subject_user_id");--> statement-breakpoint
CREATE INDEX "privacy_requests_email_idx" ON "privacy_requests" USING btree (lower("subject_email"));--> statement-breakpoint
CREATE UNIQUE INDEX "suppression_entries_email_key" ON "suppression_entries" USING btree ("email_sha256");--> statement-breakpoint
CREATE INDEX "consent_records_browser_idx" ON "consent_records" USING btree ("browser_id","purpose","created_at");--> statement-breakpoint
CREATE INDEX "consent_records_user_idx" ON "consent_records" USING btree ("user_id","purpose","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_acknowledgements_user_version_key" ON "policy_acknowledgements" USING btree ("user_id","policy_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_versions_version_key" ON "policy_versions" USING btree ("version");--> statement-breakpoint
CREATE INDEX "legal_holds_account_idx" ON "legal_holds" USING btree ("client_account_id");--> statement-breakpoint
CREATE INDEX "legal_holds_project_idx" ON "legal_holds" USING btree ("project_id");
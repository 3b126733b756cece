CREATE TYPE "public"."engagement_role" AS ENUM('controller', 'processor');--> statement-breakpoint
CREATE TYPE "public"."lawful_basis" AS ENUM('contract', 'legitimate_interests', 'consent', 'legal_obligation', 'vital_interests', 'public_interest');--> statement-breakpoint
CREATE TYPE "public"."processing_data_category" AS ENUM('identity_contact', 'deal_terms', 'logistics', 'creative', 'communications', 'credentials', 'events', 'profiles', 'usage_data');--> statement-breakpoint
CREATE TABLE "engagement_roles" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"role" "engagement_role" NOT NULL,
	"instructions_ref" text,
	"set_by" uuid,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_roles_instructions" CHECK ("engagement_roles"."role" = 'controller' or length(coalesce("engagement_roles"."instructions_ref", '')) between 3 and 300)
);
--> statement-breakpoint
ALTER TABLE "engagement_roles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "privacy_request_routings" (
	"request_id" uuid PRIMARY KEY NOT NULL,
	"project_id" uuid NOT NULL,
	"controller_public_name" text,
	"routed_by" uuid,
	"routed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "privacy_request_routings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "processing_purposes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category" "processing_data_category" NOT NULL,
	"purpose" text NOT NULL,
	"lawful_basis" "lawful_basis" NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processing_purposes_purpose" CHECK (length("processing_purposes"."purpose") between 3 and 500)
);
--> statement-breakpoint
ALTER TABLE "processing_purposes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "engagement_roles" ADD CONSTRAINT "engagement_roles_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_roles" ADD CONSTRAINT "engagement_roles_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request_routings" ADD CONSTRAINT "privacy_request_routings_request_id_privacy_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."privacy_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request_routings" ADD CONSTRAINT "privacy_request_routings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_request_routings" ADD CONSTRAINT "privacy_request_routings_routed_by_users_id_fk" FOREIGN KEY ("routed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "processing_purposes" ADD CONSTRAINT "processing_purposes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "privacy_request_routings_project_idx" ON "privacy_request_routings" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "processing_purposes_category_idx" ON "processing_purposes" USING btree ("category");--> statement-breakpoint
CREATE POLICY "engagement_roles_admin" ON "engagement_roles" AS PERMISSIVE FOR ALL TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_request_routings_view" ON "privacy_request_routings" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (request_id = (select app_privacy_request()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_request_routings_route" ON "privacy_request_routings" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "processing_purposes_admin" ON "processing_purposes" AS PERMISSIVE FOR ALL TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
ALTER TABLE "engagement_roles" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "privacy_request_routings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "processing_purposes" FORCE ROW LEVEL SECURITY;

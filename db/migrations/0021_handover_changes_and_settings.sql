CREATE TYPE "public"."handover_change_status" AS ENUM('pending', 'approved', 'refused');--> statement-breakpoint
CREATE TABLE "handover_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"classification" "item_classification" NOT NULL,
	"shared_with_counterparty" boolean NOT NULL,
	"status" "handover_change_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"applied_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "agency_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"contractor_max_days" integer DEFAULT 365 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "agency_settings_single_row" CHECK ("agency_settings"."id"),
	CONSTRAINT "agency_settings_contractor_max_days" CHECK ("agency_settings"."contractor_max_days" between 1 and 3650)
);
--> statement-breakpoint
ALTER TABLE "handover_change_requests" ADD CONSTRAINT "handover_change_requests_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_change_requests" ADD CONSTRAINT "handover_change_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_change_requests" ADD CONSTRAINT "handover_change_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "handover_change_requests" ADD CONSTRAINT "handover_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agency_settings" ADD CONSTRAINT "agency_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "handover_change_requests_item_idx" ON "handover_change_requests" USING btree ("item_id","status");--> statement-breakpoint
CREATE INDEX "handover_change_requests_project_idx" ON "handover_change_requests" USING btree ("project_id","status");
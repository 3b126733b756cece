CREATE TABLE "file_chunks" (
	"blob_key" text NOT NULL,
	"idx" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "file_chunks_blob_key_idx_pk" PRIMARY KEY("blob_key","idx")
);
--> statement-breakpoint
ALTER TABLE "file_chunks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "file_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"state" text DEFAULT 'uploading' NOT NULL,
	"declared_size" bigint,
	"received" bigint DEFAULT 0 NOT NULL,
	"size" bigint,
	"sha256" text,
	"hash_state" jsonb,
	"content_type" text,
	"data_key" jsonb NOT NULL,
	"key_id" text NOT NULL,
	"chunk_size" integer NOT NULL,
	"blob_store" text NOT NULL,
	"blob_key" text NOT NULL,
	"store_state" jsonb,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "file_versions_blob_key_unique" UNIQUE("blob_key"),
	CONSTRAINT "file_versions_file_version" UNIQUE("file_id","version"),
	CONSTRAINT "file_versions_state" CHECK ("file_versions"."state" in ('uploading', 'ready')),
	CONSTRAINT "file_versions_store" CHECK ("file_versions"."blob_store" in ('database', 's3')),
	CONSTRAINT "file_versions_ready" CHECK ("file_versions"."state" <> 'ready' or ("file_versions"."size" is not null and "file_versions"."sha256" is not null and "file_versions"."content_type" is not null)),
	CONSTRAINT "file_versions_version" CHECK ("file_versions"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "file_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"name_sealed" jsonb NOT NULL,
	"key_id" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "files" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
-- Hand-written: items.files_downloadable (view-only or download, set by the lead). Existing rows get the default of
-- a new item: view-only for high-risk items and client hand-overs, download otherwise; a trigger gives every new
-- item the same default when its insert leaves the column out, so no create path can forget it.
ALTER TABLE "items" ADD COLUMN "files_downloadable" boolean DEFAULT null;--> statement-breakpoint
UPDATE "items" SET "files_downloadable" = NOT ("classification" = 'high_risk' OR app_item_is_handover("author_id", "project_id"));--> statement-breakpoint
ALTER TABLE "items" ALTER COLUMN "files_downloadable" SET NOT NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION items_files_downloadable_default() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NEW.files_downloadable IS NULL THEN
    NEW.files_downloadable := NOT (NEW.classification = 'high_risk' OR app_item_is_handover(NEW.author_id, NEW.project_id));
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER items_files_downloadable_default BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION items_files_downloadable_default();--> statement-breakpoint
ALTER TABLE "file_chunks" ADD CONSTRAINT "file_chunks_blob_key_file_versions_blob_key_fk" FOREIGN KEY ("blob_key") REFERENCES "public"."file_versions"("blob_key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_versions" ADD CONSTRAINT "file_versions_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_versions_key_id_idx" ON "file_versions" USING btree ("key_id");--> statement-breakpoint
CREATE INDEX "files_item_idx" ON "files" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "files_key_id_idx" ON "files" USING btree ("key_id");--> statement-breakpoint
CREATE POLICY "file_chunks_read" ON "file_chunks" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (exists (select 1 from file_versions v where v.blob_key = "file_chunks"."blob_key"));--> statement-breakpoint
CREATE POLICY "file_chunks_write" ON "file_chunks" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (exists (select 1 from file_versions v where v.blob_key = "file_chunks"."blob_key" and v.state = 'uploading' and v.uploaded_by = (select app_user_id())));--> statement-breakpoint
CREATE POLICY "file_chunks_rewrite" ON "file_chunks" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (exists (select 1 from file_versions v where v.blob_key = "file_chunks"."blob_key" and v.state = 'uploading' and v.uploaded_by = (select app_user_id()))) WITH CHECK (exists (select 1 from file_versions v where v.blob_key = "file_chunks"."blob_key" and v.state = 'uploading' and v.uploaded_by = (select app_user_id())));--> statement-breakpoint
CREATE POLICY "file_chunks_delete" ON "file_chunks" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (exists (select 1 from file_versions v join files f on f.id = v.file_id where v.blob_key = "file_chunks"."blob_key" and exists (select 1 from items i where i.id = f.item_id and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id))))));--> statement-breakpoint
CREATE POLICY "file_versions_read" ON "file_versions" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (exists (select 1 from files f where f.id = "file_versions"."file_id"));--> statement-breakpoint
CREATE POLICY "file_versions_create" ON "file_versions" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ("file_versions"."uploaded_by" = (select app_user_id()) and exists (select 1 from files f where f.id = "file_versions"."file_id" and exists (select 1 from items i where i.id = f.item_id and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id))))));--> statement-breakpoint
CREATE POLICY "file_versions_upload" ON "file_versions" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ("file_versions"."uploaded_by" = (select app_user_id()) and "file_versions"."state" = 'uploading') WITH CHECK ("file_versions"."uploaded_by" = (select app_user_id()) and exists (select 1 from files f where f.id = "file_versions"."file_id" and exists (select 1 from items i where i.id = f.item_id and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id))))));--> statement-breakpoint
CREATE POLICY "file_versions_delete" ON "file_versions" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (exists (select 1 from files f where f.id = "file_versions"."file_id" and exists (select 1 from items i where i.id = f.item_id and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id))))));--> statement-breakpoint
CREATE POLICY "files_read" ON "files" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (exists (select 1 from items i where i.id = "files"."item_id"));--> statement-breakpoint
CREATE POLICY "files_create" ON "files" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (exists (select 1 from items i where i.id = "files"."item_id" and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id)))) and "files"."created_by" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "files_update" ON "files" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (exists (select 1 from items i where i.id = "files"."item_id" and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id))))) WITH CHECK (exists (select 1 from items i where i.id = "files"."item_id" and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id)))));--> statement-breakpoint
CREATE POLICY "files_delete" ON "files" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (exists (select 1 from items i where i.id = "files"."item_id" and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id)))));--> statement-breakpoint
-- Hand-written: the table owner is held to the policies too (a superuser still bypasses them, as operators do).
ALTER TABLE "files" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "file_versions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "file_chunks" FORCE ROW LEVEL SECURITY;

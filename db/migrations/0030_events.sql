-- Events (issue 14), hand-written part. The row-level security helpers the policies below call, hardened like
-- migration 0027's: SECURITY DEFINER PL/pgSQL with search_path pg_catalog, pg_temp and qualified names, EXECUTE for
-- clearance_app only. They read memberships, NDAs and guests past those tables' own policies, and each answers one
-- question about the acting user (app_user_id()) or the RSVP link in hand (app_credential(): its SHA-256).
CREATE OR REPLACE FUNCTION public.app_project_event_manager(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN coalesce(public.app_user_role() IN ('admin', 'staff', 'contractor'), false)
    AND EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = public.app_user_id()
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now()) AND (m.role = 'lead' OR 'logistics' = ANY (m.scopes)))
    AND EXISTS (SELECT 1 FROM public.nda_signatures s JOIN public.projects p ON p.id = project WHERE s.user_id = public.app_user_id()
      AND s.superseded_at IS NULL AND (s.client_account_id IS NULL OR s.client_account_id = p.client_account_id)
      AND (s.expires_at IS NULL OR s.expires_at > now())); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_event_manager(event uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN coalesce(public.app_project_event_manager((SELECT e.project_id FROM public.events e WHERE e.id = event)), false); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_project_event_owner(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN coalesce(public.app_user_role() = 'client', false)
    AND EXISTS (SELECT 1 FROM public.projects p WHERE p.id = project AND public.app_client_member_of(p.client_account_id)); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_event_owner(event uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN coalesce(public.app_project_event_owner((SELECT e.project_id FROM public.events e WHERE e.id = event)), false); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_event_allowlisted(event uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.event_allowlist a WHERE a.event_id = event AND a.user_id = public.app_user_id() AND a.revoked_at IS NULL); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_event_creator(event uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.events e WHERE e.id = event AND e.created_by = public.app_user_id()) AND public.app_event_manager(event); END $$;
--> statement-breakpoint
-- The guest whose RSVP link this transaction holds (no acting user; the link's SHA-256 bound as app.credential),
-- while the link is valid. Null for anyone else.
CREATE OR REPLACE FUNCTION public.app_rsvp_guest() RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF public.app_user_id() IS NOT NULL OR public.app_credential() IS NULL THEN RETURN NULL; END IF;
    RETURN (SELECT g.id FROM public.guests g WHERE g.token_hash = public.app_credential() AND g.token_expires_at > now()); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_rsvp_event() RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN (SELECT g.event_id FROM public.guests g WHERE g.id = public.app_rsvp_guest()); END $$;
--> statement-breakpoint
CREATE TYPE "public"."guest_status" AS ENUM('invited', 'accepted', 'declined', 'attended');--> statement-breakpoint
CREATE TYPE "public"."needs_consent_decision" AS ENUM('granted', 'withdrawn');--> statement-breakpoint
CREATE TABLE "event_allowlist" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "event_allowlist_not_self_granted" CHECK ("event_allowlist"."granted_by" is distinct from "event_allowlist"."user_id")
);
--> statement-breakpoint
ALTER TABLE "event_allowlist" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "event_venues" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"sealed" jsonb NOT NULL,
	"key_id" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_venues" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"public_description" text NOT NULL,
	"needs_retention_days" integer DEFAULT 30 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_retention_days" CHECK ("events"."needs_retention_days" between 0 and 3650)
);
--> statement-breakpoint
ALTER TABLE "events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "guest_check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"guest_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"checked_in_by" uuid NOT NULL,
	"checked_in_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guest_check_ins" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "guest_need_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"guest_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"decision" "needs_consent_decision" NOT NULL,
	"notice_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guest_need_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "guest_needs" (
	"guest_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"sealed" jsonb NOT NULL,
	"key_id" text NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guest_needs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "guests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"plus_ones" integer DEFAULT 0 NOT NULL,
	"status" "guest_status" DEFAULT 'invited' NOT NULL,
	"token_hash" text,
	"token_expires_at" timestamp with time zone,
	"has_needs" boolean DEFAULT false NOT NULL,
	"invited_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guests_plus_ones" CHECK ("guests"."plus_ones" between 0 and 20)
);
--> statement-breakpoint
ALTER TABLE "guests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD CONSTRAINT "event_allowlist_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD CONSTRAINT "event_allowlist_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD CONSTRAINT "event_allowlist_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_venues" ADD CONSTRAINT "event_venues_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_check_ins" ADD CONSTRAINT "guest_check_ins_guest_id_guests_id_fk" FOREIGN KEY ("guest_id") REFERENCES "public"."guests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_check_ins" ADD CONSTRAINT "guest_check_ins_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_check_ins" ADD CONSTRAINT "guest_check_ins_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_need_consents" ADD CONSTRAINT "guest_need_consents_guest_id_guests_id_fk" FOREIGN KEY ("guest_id") REFERENCES "public"."guests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_need_consents" ADD CONSTRAINT "guest_need_consents_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_needs" ADD CONSTRAINT "guest_needs_guest_id_guests_id_fk" FOREIGN KEY ("guest_id") REFERENCES "public"."guests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_needs" ADD CONSTRAINT "guest_needs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guests" ADD CONSTRAINT "guests_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_allowlist_event_user_idx" ON "event_allowlist" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "event_venues_key_id_idx" ON "event_venues" USING btree ("key_id");--> statement-breakpoint
CREATE INDEX "events_project_idx" ON "events" USING btree ("project_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "guest_check_ins_guest_key" ON "guest_check_ins" USING btree ("guest_id");--> statement-breakpoint
CREATE INDEX "guest_check_ins_event_idx" ON "guest_check_ins" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "guest_need_consents_guest_idx" ON "guest_need_consents" USING btree ("guest_id","created_at");--> statement-breakpoint
CREATE INDEX "guest_needs_event_idx" ON "guest_needs" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "guest_needs_key_id_idx" ON "guest_needs" USING btree ("key_id");--> statement-breakpoint
CREATE INDEX "guests_event_idx" ON "guests" USING btree ("event_id","name");--> statement-breakpoint
CREATE INDEX "guests_email_idx" ON "guests" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "guests_token_key" ON "guests" USING btree ("token_hash");--> statement-breakpoint
CREATE POLICY "event_allowlist_view" ON "event_allowlist" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ("event_allowlist"."user_id" = (select app_user_id()) or (select app_is_admin()) or (select app_event_manager("event_allowlist"."event_id")) or app_event_owner("event_allowlist"."event_id"));--> statement-breakpoint
CREATE POLICY "event_allowlist_grant" ON "event_allowlist" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (((select app_is_admin()) and "event_allowlist"."granted_by" = (select app_user_id())) or ("event_allowlist"."granted_by" is null and "event_allowlist"."user_id" = (select app_user_id()) and app_event_creator("event_allowlist"."event_id")));--> statement-breakpoint
CREATE POLICY "event_allowlist_revoke" ON "event_allowlist" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "event_venues_view" ON "event_venues" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((app_event_manager("event_venues"."event_id") and app_event_allowlisted("event_venues"."event_id")) or app_event_owner("event_venues"."event_id"));--> statement-breakpoint
CREATE POLICY "event_venues_write" ON "event_venues" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((app_event_manager("event_venues"."event_id") and app_event_allowlisted("event_venues"."event_id")));--> statement-breakpoint
CREATE POLICY "event_venues_edit" ON "event_venues" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((app_event_manager("event_venues"."event_id") and app_event_allowlisted("event_venues"."event_id"))) WITH CHECK ((app_event_manager("event_venues"."event_id") and app_event_allowlisted("event_venues"."event_id")));--> statement-breakpoint
CREATE POLICY "events_view" ON "events" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (app_project_event_manager("events"."project_id") or app_project_event_owner("events"."project_id") or "events"."id" = app_rsvp_event());--> statement-breakpoint
CREATE POLICY "events_create" ON "events" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (app_project_event_manager("events"."project_id") and "events"."created_by" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "events_edit" ON "events" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (app_project_event_manager("events"."project_id")) WITH CHECK (app_project_event_manager("events"."project_id"));--> statement-breakpoint
CREATE POLICY "guest_check_ins_view" ON "guest_check_ins" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_event_manager("guest_check_ins"."event_id")) or app_event_owner("guest_check_ins"."event_id"));--> statement-breakpoint
CREATE POLICY "guest_check_ins_record" ON "guest_check_ins" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_event_manager("guest_check_ins"."event_id")) and "guest_check_ins"."checked_in_by" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "guest_need_consents_view" ON "guest_need_consents" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_event_manager("guest_need_consents"."event_id")) or app_event_owner("guest_need_consents"."event_id") or "guest_need_consents"."guest_id" = app_rsvp_guest());--> statement-breakpoint
CREATE POLICY "guest_need_consents_record" ON "guest_need_consents" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ("guest_need_consents"."guest_id" = app_rsvp_guest() and "guest_need_consents"."event_id" = app_rsvp_event());--> statement-breakpoint
CREATE POLICY "guest_needs_view" ON "guest_needs" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((app_event_manager("guest_needs"."event_id") and app_event_allowlisted("guest_needs"."event_id")) or app_event_owner("guest_needs"."event_id") or "guest_needs"."guest_id" = app_rsvp_guest());--> statement-breakpoint
CREATE POLICY "guest_needs_give" ON "guest_needs" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ("guest_needs"."guest_id" = app_rsvp_guest() and "guest_needs"."event_id" = app_rsvp_event());--> statement-breakpoint
CREATE POLICY "guest_needs_change" ON "guest_needs" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ("guest_needs"."guest_id" = app_rsvp_guest()) WITH CHECK ("guest_needs"."guest_id" = app_rsvp_guest() and "guest_needs"."event_id" = app_rsvp_event());--> statement-breakpoint
CREATE POLICY "guest_needs_withdraw" ON "guest_needs" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ("guest_needs"."guest_id" = app_rsvp_guest());--> statement-breakpoint
CREATE POLICY "guests_view" ON "guests" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_event_manager("guests"."event_id")) or app_event_owner("guests"."event_id") or "guests"."id" = app_rsvp_guest());--> statement-breakpoint
CREATE POLICY "guests_invite" ON "guests" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_event_manager("guests"."event_id")));--> statement-breakpoint
CREATE POLICY "guests_edit" ON "guests" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_event_manager("guests"."event_id")) or "guests"."id" = app_rsvp_guest()) WITH CHECK ((select app_event_manager("guests"."event_id")) or "guests"."id" = app_rsvp_guest());--> statement-breakpoint
ALTER TABLE "events" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "event_venues" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "event_allowlist" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "guests" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "guest_needs" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "guest_need_consents" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "guest_check_ins" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Every helper above and below: EXECUTE for the application role only.
REVOKE ALL ON FUNCTION public.app_project_event_manager(uuid), public.app_event_manager(uuid), public.app_project_event_owner(uuid),
  public.app_event_owner(uuid), public.app_event_allowlisted(uuid), public.app_event_creator(uuid), public.app_rsvp_guest(), public.app_rsvp_event() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_project_event_manager(uuid), public.app_event_manager(uuid), public.app_project_event_owner(uuid),
  public.app_event_owner(uuid), public.app_event_allowlisted(uuid), public.app_event_creator(uuid), public.app_rsvp_guest(), public.app_rsvp_event() TO clearance_app;
--> statement-breakpoint
-- Consents to the use of needs and attendance are records: append-only, like cookie consent.
REVOKE UPDATE, DELETE, TRUNCATE ON guest_need_consents, guest_check_ins FROM clearance_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.guest_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: record a new entry instead', TG_TABLE_NAME;
END $$;
--> statement-breakpoint
CREATE TRIGGER guest_need_consents_append_only BEFORE UPDATE OR DELETE ON guest_need_consents FOR EACH ROW EXECUTE FUNCTION public.guest_records_append_only();
--> statement-breakpoint
CREATE TRIGGER guest_check_ins_append_only BEFORE UPDATE OR DELETE ON guest_check_ins FOR EACH ROW EXECUTE FUNCTION public.guest_records_append_only();
--> statement-breakpoint
-- The retention run (an administrator, who reads no event content): guests' needs of events that started before
-- `at` minus each event's own retention days are deleted (apply) or counted (dry run); legal holds on the project stop it.
CREATE OR REPLACE FUNCTION public.retention_event_needs(at timestamptz, apply boolean)
RETURNS TABLE (r_event_id uuid, r_codename text, r_needs integer, r_held boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  rec record;
BEGIN
  IF NOT coalesce(public.app_is_admin(), false) THEN
    RAISE EXCEPTION 'retention runs need an administrator' USING ERRCODE = '42501';
  END IF;
  FOR rec IN
    SELECT e.id, p.codename, count(n.guest_id)::integer AS needs, public.retention_project_held(p.id) AS held
    FROM public.events e JOIN public.projects p ON p.id = e.project_id JOIN public.guest_needs n ON n.event_id = e.id
    WHERE e.starts_at + pg_catalog.make_interval(days => e.needs_retention_days) < at
    GROUP BY e.id, p.codename, p.id
    ORDER BY p.codename, e.id
  LOOP
    IF apply AND NOT rec.held THEN
      DELETE FROM public.guest_needs n WHERE n.event_id = rec.id;
      UPDATE public.guests g SET has_needs = false WHERE g.event_id = rec.id AND g.has_needs;
    END IF;
    r_event_id := rec.id;
    r_codename := rec.codename;
    r_needs := rec.needs;
    r_held := rec.held;
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.retention_event_needs(timestamptz, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.retention_event_needs(timestamptz, boolean) TO clearance_app;
--> statement-breakpoint
-- Rights requests (an administrator): a guest is found by email. Export returns their guest records with the sealed
-- needs (opened for the person's own export only); erase removes the needs and the link and de-identifies the row,
-- keeping the consent and attendance records, which name nobody once the row is de-identified.
CREATE OR REPLACE FUNCTION public.privacy_guest_records(subject_email text, erase boolean, erased_name text)
RETURNS TABLE (r_guest_id uuid, r_codename text, r_event_name text, r_starts_at timestamptz, r_name text, r_email text,
  r_plus_ones integer, r_status text, r_responded_at timestamptz, r_needs jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  rec record;
BEGIN
  IF NOT coalesce(public.app_is_admin(), false) THEN
    RAISE EXCEPTION 'rights requests need an administrator' USING ERRCODE = '42501';
  END IF;
  FOR rec IN
    SELECT g.*, p.codename, e.name AS event_name, e.starts_at, n.sealed
    FROM public.guests g JOIN public.events e ON e.id = g.event_id JOIN public.projects p ON p.id = e.project_id
      LEFT JOIN public.guest_needs n ON n.guest_id = g.id
    WHERE pg_catalog.lower(g.email) = pg_catalog.lower(subject_email)
    ORDER BY e.starts_at, g.id
  LOOP
    r_guest_id := rec.id; r_codename := rec.codename; r_event_name := rec.event_name; r_starts_at := rec.starts_at;
    r_name := rec.name; r_email := rec.email; r_plus_ones := rec.plus_ones; r_status := rec.status::text;
    r_responded_at := rec.responded_at; r_needs := CASE WHEN erase THEN NULL ELSE rec.sealed END;
    IF erase THEN
      DELETE FROM public.guest_needs n WHERE n.guest_id = rec.id;
      UPDATE public.guests g SET name = erased_name, email = 'erased-guest-' || rec.id || '@erased.invalid', token_hash = NULL,
        token_expires_at = NULL, has_needs = false WHERE g.id = rec.id;
    END IF;
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.privacy_guest_records(text, boolean, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.privacy_guest_records(text, boolean, text) TO clearance_app;

-- Issue 14, hand-written part (functions before the policies below that call them).
--
-- 1. Event allowlist grants by the project's lead as well as an admin, pending the owning client's approval when
--    the client requires it (like item allowlists): only an active entry opens the venue and guests' needs.
CREATE OR REPLACE FUNCTION public.app_event_lead(event uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN public.app_event_manager(event) AND EXISTS (SELECT 1 FROM public.memberships m JOIN public.events e ON e.project_id = m.project_id
    WHERE e.id = event AND m.user_id = public.app_user_id() AND m.role = 'lead' AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_event_allowlisted(event uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.event_allowlist a WHERE a.event_id = event AND a.user_id = public.app_user_id()
    AND a.revoked_at IS NULL AND a.status = 'active'); END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_event_lead(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_event_lead(uuid) TO clearance_app;
--> statement-breakpoint
-- An entry's who, what and why never change; its status moves once from pending (to active or refused), and it is
-- revoked once. (Policies say who may update; this says what an update may do.)
CREATE OR REPLACE FUNCTION public.event_allowlist_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.event_id <> OLD.event_id OR NEW.user_id <> OLD.user_id OR NEW.reason <> OLD.reason
     OR NEW.granted_by IS DISTINCT FROM OLD.granted_by OR NEW.granted_at <> OLD.granted_at
     OR (NEW.status <> OLD.status AND OLD.status <> 'pending')
     OR (NEW.decided_at IS DISTINCT FROM OLD.decided_at AND OLD.decided_at IS NOT NULL)
     OR (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at AND OLD.revoked_at IS NOT NULL)
     OR (NEW.revoked_by IS DISTINCT FROM OLD.revoked_by AND OLD.revoked_by IS NOT NULL) THEN
    RAISE EXCEPTION 'an event allowlist entry is decided once and revoked once; nothing else changes' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER event_allowlist_guard BEFORE UPDATE ON event_allowlist FOR EACH ROW EXECUTE FUNCTION public.event_allowlist_guard();
--> statement-breakpoint
-- 2. Shortlists can be withdrawn: an entry by the shortlist's author or the creator, the whole list by its author.
--    The brand stops seeing them at once; the creator and the author keep the record (the creator's history).
CREATE OR REPLACE FUNCTION public.app_shortlist_of_actor(list uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.shortlists s WHERE s.id = list AND s.created_by = public.app_user_id()); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_shortlist_visible(list uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.shortlists s WHERE s.id = list AND (s.created_by = public.app_user_id()
    OR (s.proposed_at IS NOT NULL AND s.withdrawn_at IS NULL AND public.app_client_member_of(s.brand_account_id)))); END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_shortlist_of_actor(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_shortlist_of_actor(uuid) TO clearance_app;
--> statement-breakpoint
-- app_profile_tier of migration 0029, the brand tier only through entries and shortlists not withdrawn.
CREATE OR REPLACE FUNCTION public.app_profile_tier(person uuid) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  viewer uuid := public.app_user_id();
  viewer_role text := public.app_user_role();
  person_role text;
BEGIN
  IF viewer IS NULL OR viewer_role IS NULL OR NOT public.app_profile_holder(person) THEN RETURN 'none'; END IF;
  IF viewer = person THEN RETURN 'all'; END IF;
  SELECT u.role::text INTO person_role FROM public.users u WHERE u.id = person;
  IF person_role = 'contractor' THEN
    IF viewer_role = 'admin' THEN RETURN 'all'; END IF;
    IF viewer_role = 'staff' THEN RETURN 'staffing'; END IF;
    RETURN 'none';
  END IF;
  IF person_role <> 'client' THEN RETURN 'none'; END IF;
  IF viewer_role IN ('admin', 'staff', 'contractor') THEN
    IF EXISTS (SELECT 1 FROM public.memberships m JOIN public.projects p ON p.id = m.project_id
        JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id AND cm.user_id = person
      WHERE m.user_id = viewer AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())
        AND (m.role = 'lead' OR 'identity' = ANY (m.scopes))
        AND EXISTS (SELECT 1 FROM public.nda_signatures s WHERE s.user_id = viewer AND s.superseded_at IS NULL
          AND (s.client_account_id IS NULL OR s.client_account_id = p.client_account_id)
          AND (s.expires_at IS NULL OR s.expires_at > now()))) THEN
      RETURN 'all';
    END IF;
    RETURN 'none';
  END IF;
  IF viewer_role = 'client' AND EXISTS (SELECT 1 FROM public.shortlist_entries e JOIN public.shortlists s ON s.id = e.shortlist_id
      JOIN public.client_account_members cm ON cm.client_account_id = s.brand_account_id AND cm.user_id = viewer
    WHERE e.user_id = person AND s.proposed_at IS NOT NULL AND s.withdrawn_at IS NULL AND e.withdrawn_at IS NULL) THEN
    RETURN 'brand';
  END IF;
  RETURN 'none';
END $$;
--> statement-breakpoint
-- A withdrawal changes only withdrawn_at and withdrawn_by, once.
CREATE OR REPLACE FUNCTION public.shortlist_entries_withdraw_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.shortlist_id <> OLD.shortlist_id OR NEW.profile_id <> OLD.profile_id OR NEW.user_id <> OLD.user_id
     OR NEW.added_by <> OLD.added_by OR NEW.created_at <> OLD.created_at
     OR OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL OR NEW.withdrawn_by IS NULL THEN
    RAISE EXCEPTION 'a shortlist entry can only be withdrawn, once' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER shortlist_entries_withdraw_guard BEFORE UPDATE ON shortlist_entries FOR EACH ROW EXECUTE FUNCTION public.shortlist_entries_withdraw_guard();
--> statement-breakpoint
-- 3. Erasure includes the profile (lib/dal/privacy/erase.ts). As an administrator, who cannot see a talent's
--    fields under row-level security: every field deleted (the sealed ones with their envelopes); the consent
--    records kept as proof of what was agreed and withdrawn (field, visibility, notice version, time, under the
--    pseudonymous id) without the IP address and browser; shortlist entries proposing the person deleted; the
--    profile row kept, naming nobody, with a new random address so the old public page is gone.
CREATE OR REPLACE FUNCTION public.privacy_erase_profile(person uuid)
RETURNS TABLE (r_fields integer, r_sealed integer, r_consents integer, r_entries integer, r_profiles integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'erasure needs an administrator' USING ERRCODE = '42501';
  END IF;
  SELECT count(*)::int, count(f.sealed)::int INTO r_fields, r_sealed FROM public.profile_fields f WHERE f.user_id = person;
  DELETE FROM public.profile_fields f WHERE f.user_id = person;
  UPDATE public.profile_consents c SET ip = NULL, user_agent = NULL WHERE c.user_id = person;
  SELECT count(*)::int INTO r_consents FROM public.profile_consents c WHERE c.user_id = person;
  DELETE FROM public.shortlist_entries e WHERE e.user_id = person;
  GET DIAGNOSTICS r_entries = ROW_COUNT;
  UPDATE public.profiles p SET slug = 'erased-' || replace(gen_random_uuid()::text, '-', ''), updated_at = now() WHERE p.user_id = person;
  GET DIAGNOSTICS r_profiles = ROW_COUNT;
  RETURN NEXT;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.privacy_erase_profile(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.privacy_erase_profile(uuid) TO clearance_app;
--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "shortlists" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD COLUMN "status" "allowlist_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD CONSTRAINT "shortlist_entries_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD CONSTRAINT "event_allowlist_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_allowlist" ADD CONSTRAINT "event_allowlist_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "shortlist_entries_withdraw" ON "shortlist_entries" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ("shortlist_entries"."user_id" = (select app_user_id()) or app_shortlist_of_actor("shortlist_entries"."shortlist_id")) WITH CHECK ("shortlist_entries"."withdrawn_by" = (select app_user_id()) and ("shortlist_entries"."user_id" = (select app_user_id()) or app_shortlist_of_actor("shortlist_entries"."shortlist_id")));--> statement-breakpoint
CREATE POLICY "event_allowlist_decide" ON "event_allowlist" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ("event_allowlist"."status" = 'pending' and app_event_owner("event_allowlist"."event_id")) WITH CHECK (app_event_owner("event_allowlist"."event_id"));--> statement-breakpoint
ALTER POLICY "shortlist_entries_view" ON "shortlist_entries" TO clearance_app USING ("shortlist_entries"."user_id" = (select app_user_id()) or app_shortlist_of_actor("shortlist_entries"."shortlist_id") or ("shortlist_entries"."withdrawn_at" is null and app_shortlist_visible("shortlist_entries"."shortlist_id")));--> statement-breakpoint
ALTER POLICY "shortlists_view" ON "shortlists" TO clearance_app USING ("shortlists"."created_by" = (select app_user_id()) or ("shortlists"."proposed_at" is not null and (app_shortlist_names_actor("shortlists"."id") or ("shortlists"."withdrawn_at" is null and app_client_member_of("shortlists"."brand_account_id")))));--> statement-breakpoint
ALTER POLICY "event_allowlist_grant" ON "event_allowlist" TO clearance_app WITH CHECK ((((select app_is_admin()) or app_event_lead("event_allowlist"."event_id")) and "event_allowlist"."granted_by" = (select app_user_id()))
        or ("event_allowlist"."granted_by" is null and "event_allowlist"."user_id" = (select app_user_id()) and "event_allowlist"."status" = 'active' and app_event_creator("event_allowlist"."event_id")));--> statement-breakpoint
ALTER POLICY "event_allowlist_revoke" ON "event_allowlist" TO clearance_app USING ((select app_is_admin()) or app_event_lead("event_allowlist"."event_id")) WITH CHECK ((select app_is_admin()) or app_event_lead("event_allowlist"."event_id"));
-- Profiles (issue 14): the policy of lib/authz/profiles.ts restated for row-level security (hand-written).
-- Who may hold a profile: an active contractor, or an active client user of a talent account.
CREATE OR REPLACE FUNCTION public.app_profile_holder(person uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.users u WHERE u.id = person AND u.disabled_at IS NULL AND (u.role = 'contractor'
    OR (u.role = 'client' AND EXISTS (SELECT 1 FROM public.client_account_members cm JOIN public.client_accounts c ON c.id = cm.client_account_id
      WHERE cm.user_id = person AND c.kind = 'talent')))); END $$;
--> statement-breakpoint
-- A public profile may exist: a holder with no zero-public-association account (SPEC §5, §12).
CREATE OR REPLACE FUNCTION public.app_profile_public(person uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN public.app_profile_holder(person) AND NOT EXISTS (SELECT 1 FROM public.client_account_members cm
    JOIN public.client_accounts c ON c.id = cm.client_account_id WHERE cm.user_id = person AND c.zero_public_association); END $$;
--> statement-breakpoint
-- How much of a person's profile the acting user may read beyond public fields (lib/authz/profiles.ts profileTier):
-- 'all' (the person; for a talent, agency people with an identity-scoped active membership resting on an NDA
-- covering one of the person's accounts; for a contractor, admins), 'staffing' (staff reading a contractor),
-- 'brand' (members of a brand a proposed shortlist names the person to), 'none'.
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
    WHERE e.user_id = person AND s.proposed_at IS NOT NULL) THEN
    RETURN 'brand';
  END IF;
  RETURN 'none';
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_is_brand_account(account uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.client_accounts c WHERE c.id = account AND c.kind = 'brand'); END $$;
--> statement-breakpoint
-- A shortlist the acting user may see: their own, or one proposed to a brand they belong to.
CREATE OR REPLACE FUNCTION public.app_shortlist_visible(list uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.shortlists s WHERE s.id = list AND (s.created_by = public.app_user_id()
    OR (s.proposed_at IS NOT NULL AND public.app_client_member_of(s.brand_account_id)))); END $$;
--> statement-breakpoint
-- A shortlist the acting staff member made and has not proposed yet (entries change only then).
CREATE OR REPLACE FUNCTION public.app_shortlist_draft_of_actor(list uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN public.app_user_role() = 'staff' AND EXISTS (SELECT 1 FROM public.shortlists s WHERE s.id = list
    AND s.created_by = public.app_user_id() AND s.proposed_at IS NULL); END $$;
--> statement-breakpoint
-- A shortlist naming the acting user (the creator proposed on it).
CREATE OR REPLACE FUNCTION public.app_shortlist_names_actor(list uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.shortlist_entries e WHERE e.shortlist_id = list AND e.user_id = public.app_user_id()); END $$;
--> statement-breakpoint
-- What the policy needs to know about a person for their profile (lib/dal/profiles/facts.ts), readable under the
-- client-account and user walls of migration 0028: whether they hold a profile (and as what), zero public
-- association on any of their accounts, and their account ids (opaque; matched against project_directory).
CREATE OR REPLACE FUNCTION public.app_profile_person(person uuid) RETURNS TABLE (holder text, zero_public boolean, accounts uuid[])
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN QUERY SELECT
    CASE WHEN NOT public.app_profile_holder(person) THEN NULL WHEN u.role = 'contractor' THEN 'contractor' ELSE 'talent' END,
    EXISTS (SELECT 1 FROM public.client_account_members cm JOIN public.client_accounts c ON c.id = cm.client_account_id
      WHERE cm.user_id = person AND c.zero_public_association),
    coalesce((SELECT array_agg(cm.client_account_id) FROM public.client_account_members cm WHERE cm.user_id = person), '{}'::uuid[])
  FROM public.users u WHERE u.id = person; END $$;
--> statement-breakpoint
-- A client account's codename, for any signed-in user (codenames are what people without the identity see).
CREATE OR REPLACE FUNCTION public.app_account_codename(account uuid) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN IF public.app_user_role() IS NULL THEN RETURN NULL; END IF;
    RETURN (SELECT c.codename FROM public.client_accounts c WHERE c.id = account); END $$;
--> statement-breakpoint
-- Brand accounts by codename, for staff choosing whom to propose creators to.
CREATE OR REPLACE FUNCTION public.app_brand_directory() RETURNS TABLE (id uuid, codename text) LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN IF public.app_user_role() IS DISTINCT FROM 'staff' THEN RETURN; END IF;
    RETURN QUERY SELECT c.id, c.codename FROM public.client_accounts c WHERE c.kind = 'brand' ORDER BY c.codename; END $$;
--> statement-breakpoint
-- How a brand is named to a creator proposed to it: its real name when the creator already deals with it (a
-- project of their accounts with the brand as counterparty or owner), else its codename. The real name only to
-- the creator themselves or to the staff member whose shortlist for that brand names the creator (to tell them).
CREATE OR REPLACE FUNCTION public.app_brand_label(person uuid, brand uuid) RETURNS TABLE (label text, known boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  b public.client_accounts%ROWTYPE;
  deals boolean;
  may_know boolean;
BEGIN
  SELECT * INTO b FROM public.client_accounts c WHERE c.id = brand AND c.kind = 'brand';
  IF NOT FOUND OR public.app_user_role() IS NULL THEN RETURN; END IF;
  deals := EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm ON cm.user_id = person
    AND (cm.client_account_id = p.client_account_id OR cm.client_account_id = p.counterparty_account_id)
    WHERE (p.counterparty_account_id = brand OR p.client_account_id = brand) AND cm.client_account_id <> brand);
  may_know := person = public.app_user_id() OR (public.app_user_role() = 'staff' AND EXISTS (SELECT 1 FROM public.shortlists s
    JOIN public.shortlist_entries e ON e.shortlist_id = s.id AND e.user_id = person WHERE s.brand_account_id = brand AND s.created_by = public.app_user_id()));
  IF deals AND may_know THEN RETURN QUERY SELECT b.name, true; ELSE RETURN QUERY SELECT b.codename, false; END IF;
END $$;
--> statement-breakpoint
-- Like every definer (migration 0027): the pinned search_path above, and only the application role may call them.
REVOKE EXECUTE ON FUNCTION public.app_profile_holder(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_profile_holder(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_profile_public(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_profile_public(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_profile_tier(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_profile_tier(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_is_brand_account(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_is_brand_account(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_shortlist_visible(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_shortlist_visible(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_shortlist_draft_of_actor(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_shortlist_draft_of_actor(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_shortlist_names_actor(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_shortlist_names_actor(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_profile_person(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_profile_person(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_account_codename(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_account_codename(uuid) TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_brand_directory() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_brand_directory() TO clearance_app;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_brand_label(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_brand_label(uuid, uuid) TO clearance_app;
--> statement-breakpoint
CREATE TYPE "public"."profile_field" AS ENUM('display_name', 'bio', 'social_handles', 'portfolio_links', 'media_kit', 'experience', 'skills', 'audience', 'rates', 'location', 'date_of_birth', 'contact');--> statement-breakpoint
CREATE TYPE "public"."profile_visibility" AS ENUM('private', 'brand', 'public');--> statement-breakpoint
CREATE TABLE "profile_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"field" "profile_field" NOT NULL,
	"previous_visibility" "profile_visibility" NOT NULL,
	"visibility" "profile_visibility" NOT NULL,
	"notice_version" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_consents_never_public" CHECK (not ("profile_consents"."visibility" = 'public' and "profile_consents"."field" in ('rates', 'location', 'date_of_birth', 'contact')))
);
--> statement-breakpoint
ALTER TABLE "profile_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "profile_fields" (
	"profile_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"field" "profile_field" NOT NULL,
	"value" text,
	"sealed" jsonb,
	"key_id" text,
	"visibility" "profile_visibility" DEFAULT 'private' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_fields_profile_id_field_pk" PRIMARY KEY("profile_id","field"),
	CONSTRAINT "profile_fields_never_public" CHECK (not ("profile_fields"."visibility" = 'public' and "profile_fields"."field" in ('rates', 'location', 'date_of_birth', 'contact'))),
	CONSTRAINT "profile_fields_sealed_form" CHECK (case when "profile_fields"."field" in ('rates', 'date_of_birth', 'contact') then "profile_fields"."sealed" is not null and "profile_fields"."value" is null else "profile_fields"."sealed" is null and "profile_fields"."value" is not null end),
	CONSTRAINT "profile_fields_key_id" CHECK (("profile_fields"."key_id" is null) = ("profile_fields"."sealed" is null))
);
--> statement-breakpoint
ALTER TABLE "profile_fields" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "shortlist_entries" (
	"shortlist_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shortlist_entries_shortlist_id_profile_id_pk" PRIMARY KEY("shortlist_id","profile_id")
);
--> statement-breakpoint
ALTER TABLE "shortlist_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "shortlists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"brand_account_id" uuid NOT NULL,
	"project_id" uuid,
	"campaign" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"proposed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "shortlists" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "profile_consents" ADD CONSTRAINT "profile_consents_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_consents" ADD CONSTRAINT "profile_consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_fields" ADD CONSTRAINT "profile_fields_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_fields" ADD CONSTRAINT "profile_fields_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD CONSTRAINT "shortlist_entries_shortlist_id_shortlists_id_fk" FOREIGN KEY ("shortlist_id") REFERENCES "public"."shortlists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD CONSTRAINT "shortlist_entries_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD CONSTRAINT "shortlist_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlist_entries" ADD CONSTRAINT "shortlist_entries_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_brand_account_id_client_accounts_id_fk" FOREIGN KEY ("brand_account_id") REFERENCES "public"."client_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_consents_user_idx" ON "profile_consents" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "profile_fields_user_idx" ON "profile_fields" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_user_key" ON "profiles" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "profiles_slug_key" ON "profiles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "shortlist_entries_user_idx" ON "shortlist_entries" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "shortlists_brand_idx" ON "shortlists" USING btree ("brand_account_id");--> statement-breakpoint
CREATE INDEX "shortlists_created_by_idx" ON "shortlists" USING btree ("created_by");--> statement-breakpoint
CREATE POLICY "profile_consents_view" ON "profile_consents" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ("profile_consents"."user_id" = (select app_user_id()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "profile_consents_record" ON "profile_consents" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ("profile_consents"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "profile_fields_view" ON "profile_fields" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ("profile_fields"."user_id" = (select app_user_id())
        or app_profile_tier("profile_fields"."user_id") = 'all'
        or (app_profile_tier("profile_fields"."user_id") = 'staffing' and ("profile_fields"."field" in ('display_name', 'experience', 'skills') or ("profile_fields"."visibility" = 'public' and app_profile_public("profile_fields"."user_id"))))
        or (app_profile_tier("profile_fields"."user_id") = 'brand' and "profile_fields"."visibility" in ('brand', 'public'))
        or ("profile_fields"."visibility" = 'public' and app_profile_public("profile_fields"."user_id")));--> statement-breakpoint
CREATE POLICY "profile_fields_own_insert" ON "profile_fields" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ("profile_fields"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "profile_fields_own_update" ON "profile_fields" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ("profile_fields"."user_id" = (select app_user_id())) WITH CHECK ("profile_fields"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "profile_fields_own_delete" ON "profile_fields" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ("profile_fields"."user_id" = (select app_user_id()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "profiles_view" ON "profiles" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ("profiles"."user_id" = (select app_user_id()) or app_profile_tier("profiles"."user_id") <> 'none' or app_profile_public("profiles"."user_id"));--> statement-breakpoint
CREATE POLICY "profiles_own_insert" ON "profiles" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ("profiles"."user_id" = (select app_user_id()) and app_profile_holder("profiles"."user_id"));--> statement-breakpoint
CREATE POLICY "profiles_own_update" ON "profiles" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ("profiles"."user_id" = (select app_user_id())) WITH CHECK ("profiles"."user_id" = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "shortlist_entries_view" ON "shortlist_entries" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ("shortlist_entries"."user_id" = (select app_user_id()) or app_shortlist_visible("shortlist_entries"."shortlist_id"));--> statement-breakpoint
CREATE POLICY "shortlist_entries_add" ON "shortlist_entries" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ("shortlist_entries"."added_by" = (select app_user_id()) and app_shortlist_draft_of_actor("shortlist_entries"."shortlist_id") and app_profile_tier("shortlist_entries"."user_id") = 'all');--> statement-breakpoint
CREATE POLICY "shortlist_entries_remove" ON "shortlist_entries" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (app_shortlist_draft_of_actor("shortlist_entries"."shortlist_id"));--> statement-breakpoint
CREATE POLICY "shortlists_view" ON "shortlists" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ("shortlists"."created_by" = (select app_user_id()) or ("shortlists"."proposed_at" is not null and (app_client_member_of("shortlists"."brand_account_id") or app_shortlist_names_actor("shortlists"."id"))));--> statement-breakpoint
CREATE POLICY "shortlists_create" ON "shortlists" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ("shortlists"."created_by" = (select app_user_id()) and (select app_user_role()) = 'staff' and "shortlists"."proposed_at" is null and app_is_brand_account("shortlists"."brand_account_id"));--> statement-breakpoint
CREATE POLICY "shortlists_propose" ON "shortlists" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ("shortlists"."created_by" = (select app_user_id()) and (select app_user_role()) = 'staff') WITH CHECK ("shortlists"."created_by" = (select app_user_id()) and (select app_user_role()) = 'staff');--> statement-breakpoint
ALTER TABLE "profiles" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "profile_fields" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "profile_consents" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "shortlists" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "shortlist_entries" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Consent records are append-only for the application, like the cookie consent records.
REVOKE UPDATE, DELETE, TRUNCATE ON profile_consents FROM clearance_app;
--> statement-breakpoint
-- The person reads the audit events about their profile (a brand's views of a shortlist naming them).
CREATE POLICY audit_view_profile ON audit_events FOR SELECT TO clearance_app USING (
  target_type = 'profile' AND target_id = (SELECT app_user_id())
);
--> statement-breakpoint
-- app_send_notification (migration 0027) as it was, plus one case with no project: the staff member who proposed
-- a shortlist tells each creator on it (issue 14). Same signature, owner, search_path and grants.
CREATE OR REPLACE FUNCTION public.app_send_notification(recipient uuid, kind text, project uuid, title text, body text, people uuid[], href text)
RETURNS uuid LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  me uuid := public.app_user_id();
  owner uuid;
  counterparty uuid;
  new_id uuid;
BEGIN
  IF public.app_user_role() IS NULL THEN
    RAISE EXCEPTION 'notifications are sent by an active signed-in user' USING ERRCODE = '42501';
  END IF;
  IF href IS NOT NULL AND (left(href, 1) <> '/' OR left(href, 2) = '//' OR position('\' IN href) > 0) THEN
    RAISE EXCEPTION 'a notification links inside the app' USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.users u WHERE u.id = recipient AND u.disabled_at IS NULL) THEN
    RAISE EXCEPTION 'no such recipient' USING ERRCODE = '42501';
  END IF;
  IF project IS NOT NULL THEN
    SELECT p.client_account_id, p.counterparty_account_id INTO owner, counterparty FROM public.projects p WHERE p.id = project;
    IF NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_client_member_of(owner)
        OR (counterparty IS NOT NULL AND public.app_client_member_of(counterparty))
        OR EXISTS (SELECT 1 FROM public.access_requests r WHERE r.project_id = project AND r.requester_id = me)) THEN
      RAISE EXCEPTION 'not one of this project''s people' USING ERRCODE = '42501';
    END IF;
    IF NOT (EXISTS (SELECT 1 FROM public.users u WHERE u.id = recipient AND u.role = 'admin')
        OR EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = recipient)
        -- The holder of a high-risk grant on one of its items, pending or decided (told of the client's decision).
        OR EXISTS (SELECT 1 FROM public.allowlist_entries a JOIN public.items i ON i.id = a.item_id
          WHERE i.project_id = project AND a.user_id = recipient)
        OR EXISTS (SELECT 1 FROM public.client_account_members cm WHERE cm.user_id = recipient
          AND (cm.client_account_id = owner OR cm.client_account_id = counterparty))
        OR EXISTS (SELECT 1 FROM public.access_requests r WHERE r.project_id = project AND r.requester_id = recipient)
        OR EXISTS (SELECT 1 FROM public.authorization_requests r WHERE r.project_id = project AND r.requested_by = recipient)
        OR EXISTS (SELECT 1 FROM public.handover_change_requests r WHERE r.project_id = project AND r.requested_by = recipient)) THEN
      RAISE EXCEPTION 'the recipient is not one of this project''s people' USING ERRCODE = '42501';
    END IF;
  ELSIF NOT (public.app_is_admin()
      OR EXISTS (SELECT 1 FROM public.users u WHERE u.id = recipient AND u.role = 'admin')
      OR EXISTS (SELECT 1 FROM public.nda_requests r WHERE (r.user_id = me AND r.sent_by = recipient) OR (r.sent_by = me AND r.user_id = recipient))
      -- Issue 14: a creator is told by the staff member who proposed them to a brand on a shortlist.
      OR (kind = 'shortlist.proposed' AND EXISTS (SELECT 1 FROM public.shortlists s JOIN public.shortlist_entries e ON e.shortlist_id = s.id
        WHERE s.created_by = me AND s.proposed_at IS NOT NULL AND e.user_id = recipient))) THEN
    RAISE EXCEPTION 'the recipient may not be told by this sender' USING ERRCODE = '42501';
  END IF;
  INSERT INTO public.notifications (user_id, kind, title, body, people, href)
    VALUES (recipient, kind, title, body, coalesce(people, '{}'::uuid[]), href) RETURNING id INTO new_id;
  RETURN new_id;
END $$;

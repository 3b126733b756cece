-- Issue 11 (points 2 and 5; hand-written): the database restates the policy's WRITE rules, and its SECURITY
-- DEFINER functions are closed. Same rules as lib/authz/policy.ts; tests/integration/policy-sql-agreement.test.ts
-- checks, pair by pair, that the application role may write exactly what can() allows.
--
-- Definer functions: search_path pinned to pg_catalog, pg_temp with every name schema-qualified (nothing a
-- low-privileged role creates can be called in their place); EXECUTE revoked from PUBLIC and granted to
-- clearance_app; each answers only about the acting user's own standing, or about rows that user may know
-- (anything else: NULL). And nobody but the owner creates objects in schema public (PostgreSQL <= 14 lets PUBLIC).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_is_admin() RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT coalesce(public.app_user_role() = 'admin', false) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_user_role() RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN (SELECT u.role::text FROM public.users u WHERE u.id = public.app_user_id() AND u.disabled_at IS NULL); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_active_member_of(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = public.app_user_id()
    AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_owner_client_of(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
    JOIN public.users u ON u.id = cm.user_id AND u.disabled_at IS NULL
    WHERE p.id = project AND cm.user_id = public.app_user_id()); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_may_seed_allowlist(item uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.items i WHERE i.id = item AND (i.author_id = public.app_user_id() OR EXISTS (
    SELECT 1 FROM public.memberships m WHERE m.project_id = i.project_id AND m.user_id = public.app_user_id() AND m.role = 'lead'
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())))); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_client_member_of(account uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.client_account_members cm JOIN public.users u ON u.id = cm.user_id
    WHERE cm.client_account_id = account AND cm.user_id = public.app_user_id() AND u.role = 'client' AND u.disabled_at IS NULL); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_owner_client_of_item(item uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.items i JOIN public.projects p ON p.id = i.project_id
    WHERE i.id = item AND public.app_client_member_of(p.client_account_id)); END $$;
--> statement-breakpoint
-- Whether the item's client requires approval of high-risk grants: for an admin (who grants) and that client.
CREATE OR REPLACE FUNCTION public.app_item_requires_approval(item uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_owner_client_of_item(item)) THEN RETURN NULL; END IF;
    RETURN coalesce((SELECT c.requires_high_risk_approval FROM public.items i JOIN public.projects p ON p.id = i.project_id
      JOIN public.client_accounts c ON c.id = p.client_account_id WHERE i.id = item), false); END $$;
--> statement-breakpoint
-- Whether the deployment has exactly one active admin: for admins only (break-glass).
CREATE OR REPLACE FUNCTION public.app_single_admin() RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN false; END IF;
    RETURN (SELECT count(*) FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL) = 1; END $$;
--> statement-breakpoint
-- An item's project (metadata, for the admin's break-glass grant): for admins only.
CREATE OR REPLACE FUNCTION public.app_item_project(item uuid) RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN NULL; END IF;
    RETURN (SELECT i.project_id FROM public.items i WHERE i.id = item); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_break_glass_open(grant_id uuid, project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.break_glass_grants b WHERE b.id = grant_id AND b.project_id = project
    AND b.user_id = public.app_user_id() AND b.ended_at IS NULL AND b.expires_at > now()) AND public.app_is_admin() AND public.app_single_admin(); END $$;
--> statement-breakpoint
-- Whether `author` belongs to the project's owning client (a hand-over): for the project's people and admins.
CREATE OR REPLACE FUNCTION public.app_item_is_handover(author uuid, project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_owner_client_of(project)) THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
      WHERE p.id = project AND cm.user_id = author); END $$;
--> statement-breakpoint
-- The default of files_downloadable (migration 0025), computing the hand-over itself: it runs for every insert,
-- seeds included, where app_item_is_handover would not answer.
CREATE OR REPLACE FUNCTION public.items_files_downloadable_default() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.files_downloadable IS NULL THEN
    NEW.files_downloadable := NOT (NEW.classification = 'high_risk' OR EXISTS (SELECT 1 FROM public.projects p
      JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
      WHERE p.id = NEW.project_id AND cm.user_id = NEW.author_id));
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.items_handover_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF ((OLD.classification = 'high_risk' AND NEW.classification <> 'high_risk')
      OR (NEW.shared_with_counterparty AND NOT OLD.shared_with_counterparty))
    AND EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
      WHERE p.id = OLD.project_id AND cm.user_id = OLD.author_id)
    AND NOT EXISTS (SELECT 1 FROM public.handover_change_requests r WHERE r.item_id = OLD.id AND r.status = 'approved'
      AND r.applied_at IS NULL AND r.classification = NEW.classification AND r.shared_with_counterparty = NEW.shared_with_counterparty)
  THEN
    RAISE EXCEPTION 'a client''s hand-over is lowered or shared only with that client''s approval';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.audit_events_link() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- One link at a time (see migration 0001): the lock lasts until the end of the inserting transaction.
  PERFORM pg_advisory_xact_lock(7215921);
  SELECT e.seq, e.hash INTO last_seq, last_hash FROM public.audit_events e ORDER BY e.seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := public.audit_event_hash(NEW);
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Retention: whether a legal hold covers a project, an account, a person. For administrators (who run retention).
CREATE OR REPLACE FUNCTION public.retention_project_held(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.legal_holds h JOIN public.projects p ON p.id = project WHERE h.released_at IS NULL
      AND (h.project_id = p.id OR h.client_account_id = p.client_account_id OR h.client_account_id = p.counterparty_account_id)); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.retention_account_held(account uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.legal_holds h WHERE h.released_at IS NULL AND h.client_account_id = account); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.retention_user_held(person uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.client_account_members cm WHERE cm.user_id = person AND public.retention_account_held(cm.client_account_id))
      OR EXISTS (SELECT 1 FROM public.memberships m WHERE m.user_id = person AND public.retention_project_held(m.project_id))
      OR EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm
        ON cm.client_account_id = p.client_account_id OR cm.client_account_id = p.counterparty_account_id
        WHERE cm.user_id = person AND public.retention_project_held(p.id)); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.retention_project_items(rule text, cutoff date, apply boolean)
RETURNS TABLE (r_project_id uuid, r_codename text, r_item_refs bigint[], r_held boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  rec record;
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'retention runs need an administrator' USING ERRCODE = '42501';
  END IF;
  IF rule NOT IN ('project_content', 'contract_records') THEN
    RAISE EXCEPTION 'unknown project retention rule %', rule USING ERRCODE = '22023';
  END IF;
  FOR rec IN
    SELECT p.id, p.codename, array_agg(i.ref ORDER BY i.ref) AS refs, array_agg(i.id) AS ids, public.retention_project_held(p.id) AS held
    FROM public.items i JOIN public.projects p ON p.id = i.project_id
    WHERE p.status = 'closed' AND p.ends_on IS NOT NULL AND p.ends_on < cutoff
      AND ((rule = 'contract_records') = (i.category = 'deal_terms'))
    GROUP BY p.id, p.codename
    ORDER BY p.codename
  LOOP
    IF apply AND NOT rec.held THEN
      DELETE FROM public.allowlist_entries a WHERE a.item_id = ANY (rec.ids);
      DELETE FROM public.access_requests r WHERE r.item_id = ANY (rec.ids);
      DELETE FROM public.items i WHERE i.id = ANY (rec.ids);
    END IF;
    r_project_id := rec.id;
    r_codename := rec.codename;
    r_item_refs := rec.refs;
    r_held := rec.held;
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint
-- For the public portfolio (read with no acting user): only about projects with a signed public use on record.
CREATE OR REPLACE FUNCTION public.privacy_restricted_project(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT (public.app_is_admin() OR EXISTS (SELECT 1 FROM public.authorizations a
      WHERE a.project_id = project AND a.kind = 'portfolio_use' AND a.outcome = 'signed')) THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.projects p
      JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
      JOIN public.privacy_flags f ON f.user_id = cm.user_id AND f.flag IN ('restricted', 'objected') AND f.lifted_at IS NULL
      WHERE p.id = project); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.privacy_count_mentions(person uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'erasing needs an administrator' USING ERRCODE = '42501';
  END IF;
  RETURN (SELECT count(*)::integer FROM public.notifications n WHERE person = ANY (n.people) AND n.user_id <> person);
END $$;
--> statement-breakpoint
-- New helpers for the write rules. The acting user's standing as the policy's agencyStanding: an agency role,
-- an active membership (a lead, or `need` among its scopes when given) and a current NDA covering the client.
CREATE OR REPLACE FUNCTION public.app_nda_covers_project(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.nda_signatures s JOIN public.projects p ON p.id = project
    WHERE s.user_id = public.app_user_id() AND s.superseded_at IS NULL
      AND (s.client_account_id IS NULL OR s.client_account_id = p.client_account_id)
      AND (s.expires_at IS NULL OR s.expires_at > now())); END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_agency_standing(project uuid, need text) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN coalesce(public.app_user_role() IN ('admin', 'staff', 'contractor'), false)
    AND EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = public.app_user_id()
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())
      AND (need IS NULL OR m.role = 'lead' OR need = ANY (m.scopes)))
    AND public.app_nda_covers_project(project); END $$;
--> statement-breakpoint
-- An agency person holding an active lead membership of the project (the policy's isActiveLead, for agency roles).
CREATE OR REPLACE FUNCTION public.app_active_lead_of(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN coalesce(public.app_user_role() IN ('admin', 'staff', 'contractor'), false)
    AND EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = public.app_user_id() AND m.role = 'lead'
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())); END $$;
--> statement-breakpoint
-- The acting owning client applying a change to their hand-over that they approved (lib/dal/client/handover-changes.ts).
CREATE OR REPLACE FUNCTION public.app_handover_change_approved(item uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN public.app_owner_client_of_item(item) AND EXISTS (SELECT 1 FROM public.handover_change_requests r
    WHERE r.item_id = item AND r.status = 'approved' AND r.applied_at IS NULL); END $$;
--> statement-breakpoint
-- Whether `account` owns the project: for admins, the project's active members and members of that account.
CREATE OR REPLACE FUNCTION public.app_project_owned_by(project uuid, account uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_client_member_of(account)) THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.projects p WHERE p.id = project AND p.client_account_id = account); END $$;
--> statement-breakpoint
-- Whether an account demands zero public association: for admins and that account's members.
CREATE OR REPLACE FUNCTION public.app_account_zero_association(account uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_client_member_of(account)) THEN RETURN NULL; END IF;
    RETURN coalesce((SELECT c.zero_public_association FROM public.client_accounts c WHERE c.id = account), false); END $$;
--> statement-breakpoint
-- Whether the project's owning client demands zero public association: for admins, its active members and that client.
CREATE OR REPLACE FUNCTION public.app_project_zero_association(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_owner_client_of(project)) THEN RETURN NULL; END IF;
    RETURN coalesce((SELECT c.zero_public_association FROM public.projects p JOIN public.client_accounts c ON c.id = p.client_account_id
      WHERE p.id = project), false); END $$;
--> statement-breakpoint
-- Whether an authorization record belongs to the account: for that account's members (a revocation names its record).
CREATE OR REPLACE FUNCTION public.app_authorization_of_account(record uuid, account uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN
    IF NOT public.app_client_member_of(account) THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.authorizations a WHERE a.id = record AND a.client_account_id = account); END $$;
--> statement-breakpoint
-- Whether `person` accepted the invitation (the event of an acceptance names the new account as its actor).
CREATE OR REPLACE FUNCTION public.app_invitation_accepted_by(invitation uuid, person uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.invitations i WHERE i.id = invitation AND i.accepted_user_id = person
    AND i.accepted_at IS NOT NULL); END $$;
--> statement-breakpoint
-- Notifications are written only by this function (clearance_app has no INSERT policy on notifications). It
-- decides itself whether the recipient may be told: the sender must be an active signed-in user; about a project,
-- the sender must be one of its people (admin, active member, owning or counterparty client, or asking for
-- access to it) and so must the recipient (an active admin, anyone ever granted on it, a member of either client
-- account, or someone who asked about it: access, an authorization, a hand-over change); with no project, the
-- recipient is an active admin, or the sender is one, or the two are on the two ends of an NDA request. Links
-- stay inside the app.
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
        OR EXISTS (SELECT 1 FROM public.client_account_members cm WHERE cm.user_id = recipient
          AND (cm.client_account_id = owner OR cm.client_account_id = counterparty))
        OR EXISTS (SELECT 1 FROM public.access_requests r WHERE r.project_id = project AND r.requester_id = recipient)
        OR EXISTS (SELECT 1 FROM public.authorization_requests r WHERE r.project_id = project AND r.requested_by = recipient)
        OR EXISTS (SELECT 1 FROM public.handover_change_requests r WHERE r.project_id = project AND r.requested_by = recipient)) THEN
      RAISE EXCEPTION 'the recipient is not one of this project''s people' USING ERRCODE = '42501';
    END IF;
  ELSIF NOT (public.app_is_admin()
      OR EXISTS (SELECT 1 FROM public.users u WHERE u.id = recipient AND u.role = 'admin')
      OR EXISTS (SELECT 1 FROM public.nda_requests r WHERE (r.user_id = me AND r.sent_by = recipient) OR (r.sent_by = me AND r.user_id = recipient))) THEN
    RAISE EXCEPTION 'the recipient may not be told by this sender' USING ERRCODE = '42501';
  END IF;
  INSERT INTO public.notifications (user_id, kind, title, body, people, href)
    VALUES (recipient, kind, title, body, coalesce(people, '{}'::uuid[]), href) RETURNING id INTO new_id;
  RETURN new_id;
END $$;
--> statement-breakpoint
DROP POLICY IF EXISTS notifications_send ON notifications;
--> statement-breakpoint
-- Trigger functions fired from definer code (search_path pg_catalog, pg_temp) name everything they call.
CREATE OR REPLACE FUNCTION public.allowlist_entries_status_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (OLD.status = 'pending' AND public.app_owner_client_of_item(NEW.item_id)) THEN
    RAISE EXCEPTION 'only the owning client decides a pending high-risk grant';
  END IF;
  IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.item_id IS DISTINCT FROM OLD.item_id THEN
    RAISE EXCEPTION 'an allowlist entry keeps its person and item';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Every SECURITY DEFINER function in schema public: EXECUTE for clearance_app only, search_path pinned
-- (the ones this migration does not redefine name everything they use: migrations 0025-0026).
DO $$
DECLARE f record;
BEGIN
  FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prosecdef
  LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = pg_catalog, pg_temp', f.sig);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f.sig);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO clearance_app', f.sig);
  END LOOP;
END $$;
--> statement-breakpoint
-- item.edit: read access and the author or an active lead; or the owning client applying a hand-over change
-- they approved. The read condition is items_read's (migration 0008): an UPDATE without WHERE would not apply it.
DROP POLICY IF EXISTS items_update ON items;
--> statement-breakpoint
CREATE POLICY items_update ON items FOR UPDATE TO clearance_app USING (
  (EXISTS (SELECT 1 FROM projects p WHERE p.id = items.project_id AND (
    ((SELECT app_user_role()) IN ('admin', 'staff', 'contractor')
      AND EXISTS (SELECT 1 FROM memberships m WHERE m.project_id = p.id AND m.user_id = (SELECT app_user_id())
        AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())
        AND (m.role = 'lead' OR items.category::text = ANY (m.scopes)))
      AND (items.classification <> 'high_risk' OR EXISTS (SELECT 1 FROM allowlist_entries a
        WHERE a.item_id = items.id AND a.user_id = (SELECT app_user_id()) AND a.status = 'active'
          AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now()))))
    OR ((SELECT app_user_role()) = 'client' AND (
      (items.category <> 'communications' AND EXISTS (SELECT 1 FROM client_account_members cm
        WHERE cm.user_id = (SELECT app_user_id()) AND cm.client_account_id = p.client_account_id))
      OR (items.shared_with_counterparty AND items.classification <> 'high_risk' AND EXISTS (SELECT 1 FROM client_account_members cm
        WHERE cm.user_id = (SELECT app_user_id()) AND cm.client_account_id = p.counterparty_account_id))))
  ))
  AND (items.author_id = (SELECT app_user_id()) OR app_active_lead_of(items.project_id)))
  OR app_handover_change_approved(items.id)
) WITH CHECK (
  items.author_id = (SELECT app_user_id()) OR app_active_lead_of(items.project_id) OR app_handover_change_approved(items.id)
);
--> statement-breakpoint
-- What no policy can say: an item keeps its project, author and category, and only an active lead changes its
-- classification or counterparty sharing (or the owning client applying a hand-over change they approved).
CREATE OR REPLACE FUNCTION public.items_write_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_user <> 'clearance_app' THEN RETURN NEW; END IF;
  IF NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.author_id IS DISTINCT FROM OLD.author_id OR NEW.category IS DISTINCT FROM OLD.category THEN
    RAISE EXCEPTION 'an item keeps its project, author and category' USING ERRCODE = '42501';
  END IF;
  IF (NEW.classification IS DISTINCT FROM OLD.classification OR NEW.shared_with_counterparty IS DISTINCT FROM OLD.shared_with_counterparty)
    AND NOT public.app_active_lead_of(OLD.project_id) AND NOT public.app_handover_change_approved(OLD.id) THEN
    RAISE EXCEPTION 'only an active lead classifies or shares an item' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER items_write_guard BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION public.items_write_guard();
--> statement-breakpoint
-- item.create: the category in the agency person's scope (with a current NDA); the owning client for the
-- categories it hands over, which start high-risk.
DROP POLICY IF EXISTS items_create ON items;
--> statement-breakpoint
CREATE POLICY items_create ON items FOR INSERT TO clearance_app WITH CHECK (
  items.author_id = (SELECT app_user_id()) AND (
    app_agency_standing(items.project_id, items.category::text)
    OR ((SELECT app_user_role()) = 'client' AND items.category IN ('logistics', 'creative', 'credentials')
      AND items.classification = 'high_risk' AND app_owner_client_of(items.project_id)))
);
--> statement-breakpoint
-- authorization.sign / refuse / revoke: a member of the client account, in their own name, for a project that
-- account owns; no signed public use while the account demands zero public association; a revocation ends one
-- of the account's own records.
DROP POLICY IF EXISTS authorizations_record ON authorizations;
--> statement-breakpoint
CREATE POLICY authorizations_record ON authorizations FOR INSERT TO clearance_app WITH CHECK (
  signer_user_id = (SELECT app_user_id()) AND app_client_member_of(client_account_id)
  AND (project_id IS NULL OR app_project_owned_by(project_id, client_account_id))
  AND (outcome <> 'signed' OR kind::text = 'zero_public_association' OR NOT app_account_zero_association(client_account_id))
  AND (revokes_id IS NULL OR app_authorization_of_account(revokes_id, client_account_id))
);
--> statement-breakpoint
-- authorization.request: an agency person with standing and the identity scope (or a lead), of the project's
-- owning client, never one demanding zero public association.
DROP POLICY IF EXISTS authorization_requests_create ON authorization_requests;
--> statement-breakpoint
CREATE POLICY authorization_requests_create ON authorization_requests FOR INSERT TO clearance_app WITH CHECK (
  requested_by = (SELECT app_user_id()) AND project_id IS NOT NULL
  AND app_agency_standing(project_id, 'identity')
  AND app_project_owned_by(project_id, client_account_id)
  AND NOT app_project_zero_association(project_id)
);
--> statement-breakpoint
-- access_request.create: an agency person with a current NDA covering the project's client.
DROP POLICY IF EXISTS access_requests_create ON access_requests;
--> statement-breakpoint
CREATE POLICY access_requests_create ON access_requests FOR INSERT TO clearance_app WITH CHECK (
  requester_id = (SELECT app_user_id()) AND (SELECT app_user_role()) IN ('admin', 'staff', 'contractor')
  AND app_nda_covers_project(project_id) AND status = 'open' AND decided_by IS NULL
);
--> statement-breakpoint
-- Audit events: as the acting user; with no acting user, as nobody (the system), except the steps before
-- sign-in, which name the account they are about, and an invitation's acceptance, which names the new account.
DROP POLICY IF EXISTS audit_append ON audit_events;
--> statement-breakpoint
CREATE POLICY audit_append ON audit_events FOR INSERT TO clearance_app WITH CHECK (
  actor_id IS NOT DISTINCT FROM (SELECT app_user_id())
  OR ((SELECT app_user_id()) IS NULL AND actor_id IS NOT NULL AND (
    (action LIKE 'auth.%' AND target_type = 'user' AND target_id = actor_id)
    OR (action = 'user.accept_invitation' AND target_type = 'invitation' AND app_invitation_accepted_by(target_id, actor_id))))
);
--> statement-breakpoint
-- Grants: an item's author or lead seeds its allowlist in their own name.
DROP POLICY IF EXISTS allowlist_grant ON allowlist_entries;
--> statement-breakpoint
CREATE POLICY allowlist_grant ON allowlist_entries FOR INSERT TO clearance_app WITH CHECK (
  ((SELECT app_is_admin()) AND user_id <> (SELECT app_user_id()) AND granted_by = (SELECT app_user_id())
    AND break_glass_id IS NULL AND (status = 'pending' OR NOT app_item_requires_approval(item_id)))
  OR (status = 'active' AND break_glass_id IS NULL AND granted_by = (SELECT app_user_id()) AND app_may_seed_allowlist(item_id))
  OR (status = 'active' AND user_id = (SELECT app_user_id()) AND granted_by IS NULL AND break_glass_id IS NOT NULL
    AND app_break_glass_open(break_glass_id, app_item_project(item_id)))
);
--> statement-breakpoint
-- A membership changes only by being revoked, once: who, where, role, scopes and grantor stay as granted.
CREATE OR REPLACE FUNCTION public.memberships_transition_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_user <> 'clearance_app' THEN RETURN NEW; END IF;
  IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.role IS DISTINCT FROM OLD.role
    OR NEW.scopes IS DISTINCT FROM OLD.scopes OR NEW.granted_by IS DISTINCT FROM OLD.granted_by
    OR NEW.break_glass_id IS DISTINCT FROM OLD.break_glass_id OR NEW.expires_at IS DISTINCT FROM OLD.expires_at THEN
    RAISE EXCEPTION 'a membership keeps what was granted: revoke it and grant anew' USING ERRCODE = '42501';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by) THEN
    RAISE EXCEPTION 'a revoked membership stays revoked' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER memberships_transition_guard BEFORE UPDATE ON memberships FOR EACH ROW EXECUTE FUNCTION public.memberships_transition_guard();
--> statement-breakpoint
-- The public portfolio: the record's client must own the project, and neither the owner nor the counterparty
-- demands zero public association (before: the signing client's demand, whatever project the record named).
CREATE OR REPLACE VIEW public_portfolio WITH (security_barrier) AS
  SELECT id, project_id, title, summary, signed_at FROM (
    SELECT DISTINCT ON (a.project_id) a.id, a.project_id, a.public_title AS title, a.public_summary AS summary, a.signed_at
    FROM authorizations a JOIN projects p ON p.id = a.project_id AND p.client_account_id = a.client_account_id
      JOIN client_accounts c ON c.id = p.client_account_id
    WHERE a.kind = 'portfolio_use' AND a.outcome = 'signed' AND a.project_id IS NOT NULL
      AND a.public_title IS NOT NULL AND a.public_summary IS NOT NULL
      AND (a.expires_at IS NULL OR a.expires_at > now())
      AND NOT c.zero_public_association
      AND NOT EXISTS (SELECT 1 FROM authorizations r WHERE r.revokes_id = a.id)
    ORDER BY a.project_id, a.signed_at DESC
  ) latest
  WHERE NOT EXISTS (SELECT 1 FROM projects p JOIN client_accounts cp ON cp.id = p.counterparty_account_id
      WHERE p.id = latest.project_id AND cp.zero_public_association)
    AND NOT EXISTS (SELECT 1 FROM authorizations s JOIN privacy_flags f ON f.user_id = s.signer_user_id
      WHERE s.id = latest.id AND f.flag IN ('restricted', 'objected', 'erased') AND f.lifted_at IS NULL);

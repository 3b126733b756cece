-- The helper and trigger functions of Clearance's database, each in the definition in force (issue 11 point 6).
--
-- This file is the one source of every function in schema public: the migrator (db/functions.ts) applies it after
-- the migrations, on PGlite and PostgreSQL alike, whenever it or the migrations changed, so a function reads here
-- as it runs. Earlier migrations created these functions and changed them one CREATE OR REPLACE at a time; those
-- are history now. To change a function, change it here (CREATE OR REPLACE keeps it idempotent); to add one that a
-- new policy or trigger needs in its own migration, create it in that migration and copy it here; to drop or
-- rename one, write a migration (DROP FUNCTION) and remove it here. tests/integration/functions-file.test.ts fails
-- when a function in the database is not in this file, or this file would change one in force.
--
-- Definer functions (SECURITY DEFINER): search_path pinned to pg_catalog, pg_temp with every name schema-qualified,
-- EXECUTE revoked from PUBLIC and granted to clearance_app only, and each answers only about rows the acting user
-- may know (tests/integration/database-wall.test.ts). The row-level security policies that call them are declared
-- with their tables in db/schema (pgPolicy).


-- app_user_id
CREATE OR REPLACE FUNCTION public.app_user_id()
 RETURNS uuid
 LANGUAGE sql
 STABLE
AS $function$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $function$;

-- app_user_role
CREATE OR REPLACE FUNCTION public.app_user_role()
 RETURNS text
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN (SELECT u.role::text FROM public.users u WHERE u.id = public.app_user_id() AND u.disabled_at IS NULL); END $function$;
REVOKE ALL ON FUNCTION public.app_user_role() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_user_role() TO clearance_app;

-- app_is_admin
CREATE OR REPLACE FUNCTION public.app_is_admin()
 RETURNS boolean
 LANGUAGE sql
 STABLE
AS $function$ SELECT coalesce(public.app_user_role() = 'admin', false) $function$;

-- app_active_member_of
CREATE OR REPLACE FUNCTION public.app_active_member_of(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = public.app_user_id()
    AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())); END $function$;
REVOKE ALL ON FUNCTION public.app_active_member_of(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_active_member_of(project uuid) TO clearance_app;

-- app_owner_client_of
CREATE OR REPLACE FUNCTION public.app_owner_client_of(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
    JOIN public.users u ON u.id = cm.user_id AND u.disabled_at IS NULL
    WHERE p.id = project AND cm.user_id = public.app_user_id()); END $function$;
REVOKE ALL ON FUNCTION public.app_owner_client_of(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_owner_client_of(project uuid) TO clearance_app;

-- app_may_seed_allowlist
CREATE OR REPLACE FUNCTION public.app_may_seed_allowlist(item uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.items i WHERE i.id = item AND (i.author_id = public.app_user_id() OR EXISTS (
    SELECT 1 FROM public.memberships m WHERE m.project_id = i.project_id AND m.user_id = public.app_user_id() AND m.role = 'lead'
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())))); END $function$;
REVOKE ALL ON FUNCTION public.app_may_seed_allowlist(item uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_may_seed_allowlist(item uuid) TO clearance_app;

-- audit_event_hash
-- The audit chain. Each event's hash covers its content and the previous event's hash, in `seq` order.
CREATE OR REPLACE FUNCTION public.audit_event_hash(e audit_events)
 RETURNS text
 LANGUAGE sql
 STABLE
AS $function$
  SELECT encode(sha256(convert_to(json_build_array(
    e.seq, e.prev_hash, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor_id, e.action,
    e.target_type, e.target_id, e.project_id, e.outcome, e.reason, e.ip, e.user_agent, e.details
  )::text, 'UTF8')), 'hex')
$function$;

-- audit_events_link
CREATE OR REPLACE FUNCTION public.audit_events_link()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;
REVOKE ALL ON FUNCTION public.audit_events_link() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.audit_events_link() TO clearance_app;

-- audit_events_append_only
CREATE OR REPLACE FUNCTION public.audit_events_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $function$;

-- consent_records_append_only
CREATE OR REPLACE FUNCTION public.consent_records_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION 'consent_records is append-only: record a new decision instead';
END $function$;

-- retention_project_held
-- Retention: whether a legal hold covers a project, an account, a person. For administrators (who run retention).
CREATE OR REPLACE FUNCTION public.retention_project_held(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.legal_holds h JOIN public.projects p ON p.id = project WHERE h.released_at IS NULL
      AND (h.project_id = p.id OR h.client_account_id = p.client_account_id OR h.client_account_id = p.counterparty_account_id)); END $function$;
REVOKE ALL ON FUNCTION public.retention_project_held(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.retention_project_held(project uuid) TO clearance_app;

-- retention_account_held
CREATE OR REPLACE FUNCTION public.retention_account_held(account uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.legal_holds h WHERE h.released_at IS NULL AND h.client_account_id = account); END $function$;
REVOKE ALL ON FUNCTION public.retention_account_held(account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.retention_account_held(account uuid) TO clearance_app;

-- retention_user_held
CREATE OR REPLACE FUNCTION public.retention_user_held(person uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.client_account_members cm WHERE cm.user_id = person AND public.retention_account_held(cm.client_account_id))
      OR EXISTS (SELECT 1 FROM public.memberships m WHERE m.user_id = person AND public.retention_project_held(m.project_id))
      OR EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm
        ON cm.client_account_id = p.client_account_id OR cm.client_account_id = p.counterparty_account_id
        WHERE cm.user_id = person AND public.retention_project_held(p.id)); END $function$;
REVOKE ALL ON FUNCTION public.retention_user_held(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.retention_user_held(person uuid) TO clearance_app;

-- retention_project_items
CREATE OR REPLACE FUNCTION public.retention_project_items(rule text, cutoff date, apply boolean)
 RETURNS TABLE(r_project_id uuid, r_codename text, r_item_refs bigint[], r_held boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;
REVOKE ALL ON FUNCTION public.retention_project_items(rule text, cutoff date, apply boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.retention_project_items(rule text, cutoff date, apply boolean) TO clearance_app;

-- app_client_member_of
CREATE OR REPLACE FUNCTION public.app_client_member_of(account uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.client_account_members cm JOIN public.users u ON u.id = cm.user_id
    WHERE cm.client_account_id = account AND cm.user_id = public.app_user_id() AND u.role = 'client' AND u.disabled_at IS NULL); END $function$;
REVOKE ALL ON FUNCTION public.app_client_member_of(account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_client_member_of(account uuid) TO clearance_app;

-- app_owner_client_of_item
CREATE OR REPLACE FUNCTION public.app_owner_client_of_item(item uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.items i JOIN public.projects p ON p.id = i.project_id
    WHERE i.id = item AND public.app_client_member_of(p.client_account_id)); END $function$;
REVOKE ALL ON FUNCTION public.app_owner_client_of_item(item uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_owner_client_of_item(item uuid) TO clearance_app;

-- app_item_requires_approval
-- Whether the item's client requires approval of high-risk grants: for an admin (who grants) and that client.
CREATE OR REPLACE FUNCTION public.app_item_requires_approval(item uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_owner_client_of_item(item)) THEN RETURN NULL; END IF;
    RETURN coalesce((SELECT c.requires_high_risk_approval FROM public.items i JOIN public.projects p ON p.id = i.project_id
      JOIN public.client_accounts c ON c.id = p.client_account_id WHERE i.id = item), false); END $function$;
REVOKE ALL ON FUNCTION public.app_item_requires_approval(item uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_item_requires_approval(item uuid) TO clearance_app;

-- allowlist_entries_status_guard
-- Trigger functions fired from definer code (search_path pg_catalog, pg_temp) name everything they call.
CREATE OR REPLACE FUNCTION public.allowlist_entries_status_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (OLD.status = 'pending' AND public.app_owner_client_of_item(NEW.item_id)) THEN
    RAISE EXCEPTION 'only the owning client decides a pending high-risk grant';
  END IF;
  IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.item_id IS DISTINCT FROM OLD.item_id THEN
    RAISE EXCEPTION 'an allowlist entry keeps its person and item';
  END IF;
  RETURN NEW;
END $function$;

-- authorizations_append_only
CREATE OR REPLACE FUNCTION public.authorizations_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION '% is append-only: record a revocation instead', TG_TABLE_NAME;
END $function$;

-- privacy_restricted_project
-- For the public portfolio (read with no acting user): only about projects with a signed public use on record.
CREATE OR REPLACE FUNCTION public.privacy_restricted_project(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT (public.app_is_admin() OR EXISTS (SELECT 1 FROM public.authorizations a
      WHERE a.project_id = project AND a.kind = 'portfolio_use' AND a.outcome = 'signed')) THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.projects p
      JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
      JOIN public.privacy_flags f ON f.user_id = cm.user_id AND f.flag IN ('restricted', 'objected') AND f.lifted_at IS NULL
      WHERE p.id = project); END $function$;
REVOKE ALL ON FUNCTION public.privacy_restricted_project(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_restricted_project(project uuid) TO clearance_app;

-- app_single_admin
-- Whether the deployment has exactly one active admin: for admins only (break-glass).
CREATE OR REPLACE FUNCTION public.app_single_admin()
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN false; END IF;
    RETURN (SELECT count(*) FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL) = 1; END $function$;
REVOKE ALL ON FUNCTION public.app_single_admin() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_single_admin() TO clearance_app;

-- app_item_project
-- An item's project (metadata, for the admin's break-glass grant): for admins only.
CREATE OR REPLACE FUNCTION public.app_item_project(item uuid)
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT public.app_is_admin() THEN RETURN NULL; END IF;
    RETURN (SELECT i.project_id FROM public.items i WHERE i.id = item); END $function$;
REVOKE ALL ON FUNCTION public.app_item_project(item uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_item_project(item uuid) TO clearance_app;

-- app_break_glass_open
CREATE OR REPLACE FUNCTION public.app_break_glass_open(grant_id uuid, project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.break_glass_grants b WHERE b.id = grant_id AND b.project_id = project
    AND b.user_id = public.app_user_id() AND b.ended_at IS NULL AND b.expires_at > now()) AND public.app_is_admin() AND public.app_single_admin(); END $function$;
REVOKE ALL ON FUNCTION public.app_break_glass_open(grant_id uuid, project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_break_glass_open(grant_id uuid, project uuid) TO clearance_app;

-- privacy_count_mentions
CREATE OR REPLACE FUNCTION public.privacy_count_mentions(person uuid)
 RETURNS integer
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'erasing needs an administrator' USING ERRCODE = '42501';
  END IF;
  RETURN (SELECT count(*)::integer FROM public.notifications n WHERE person = ANY (n.people) AND n.user_id <> person);
END $function$;
REVOKE ALL ON FUNCTION public.privacy_count_mentions(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_count_mentions(person uuid) TO clearance_app;

-- app_item_is_handover
-- Whether `author` belongs to the project's owning client (a hand-over): for the project's people and admins.
CREATE OR REPLACE FUNCTION public.app_item_is_handover(author uuid, project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_owner_client_of(project)) THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
      WHERE p.id = project AND cm.user_id = author); END $function$;
REVOKE ALL ON FUNCTION public.app_item_is_handover(author uuid, project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_item_is_handover(author uuid, project uuid) TO clearance_app;

-- items_handover_guard
CREATE OR REPLACE FUNCTION public.items_handover_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;
REVOKE ALL ON FUNCTION public.items_handover_guard() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.items_handover_guard() TO clearance_app;

-- handover_change_requests_guard
-- A request keeps what was asked; it leaves `pending` once; an approval is applied once.
CREATE OR REPLACE FUNCTION public.handover_change_requests_guard()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  IF NEW.item_id IS DISTINCT FROM OLD.item_id OR NEW.project_id IS DISTINCT FROM OLD.project_id
    OR NEW.requested_by IS DISTINCT FROM OLD.requested_by OR NEW.classification IS DISTINCT FROM OLD.classification
    OR NEW.shared_with_counterparty IS DISTINCT FROM OLD.shared_with_counterparty THEN
    RAISE EXCEPTION 'a hand-over change request keeps what was asked';
  END IF;
  IF NEW.status IS DISTINCT FROM OLD.status AND OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'a decided hand-over change stays decided';
  END IF;
  IF OLD.applied_at IS NOT NULL AND NEW.applied_at IS DISTINCT FROM OLD.applied_at THEN
    RAISE EXCEPTION 'an approved hand-over change is applied once';
  END IF;
  RETURN NEW;
END $function$;

-- items_files_downloadable_default
-- The default of files_downloadable (migration 0025), computing the hand-over itself: it runs for every insert,
-- seeds included, where app_item_is_handover would not answer.
CREATE OR REPLACE FUNCTION public.items_files_downloadable_default()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF NEW.files_downloadable IS NULL THEN
    NEW.files_downloadable := NOT (NEW.classification = 'high_risk' OR EXISTS (SELECT 1 FROM public.projects p
      JOIN public.client_account_members cm ON cm.client_account_id = p.client_account_id
      WHERE p.id = NEW.project_id AND cm.user_id = NEW.author_id));
  END IF;
  RETURN NEW;
END $function$;
REVOKE ALL ON FUNCTION public.items_files_downloadable_default() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.items_files_downloadable_default() TO clearance_app;

-- app_active_lead_of
-- An agency person holding an active lead membership of the project (the policy's isActiveLead, for agency roles).
CREATE OR REPLACE FUNCTION public.app_active_lead_of(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN coalesce(public.app_user_role() IN ('admin', 'staff', 'contractor'), false)
    AND EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = public.app_user_id() AND m.role = 'lead'
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())); END $function$;
REVOKE ALL ON FUNCTION public.app_active_lead_of(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_active_lead_of(project uuid) TO clearance_app;

-- app_may_decide_review
-- Who may record a decision in a review: on an open review, about a grant of the review's project. The reviewer
-- (an admin, or the project's active lead) confirms, narrows or revokes, as themselves and never on their own
-- grant; `expired` is written by an admin (scheduled work acts as one) when a window ends, as nobody.
CREATE OR REPLACE FUNCTION public.app_may_decide_review(review uuid, membership uuid, allowlist_entry uuid, decision text, decided_by uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  review_project uuid;
  grant_project uuid;
  grantee uuid;
  caller uuid := public.app_user_id();
  -- Inline rather than app_is_admin(): that helper resolves names through the caller's search_path.
  is_admin boolean := EXISTS (SELECT 1 FROM public.users u WHERE u.id = public.app_user_id() AND u.role = 'admin' AND u.disabled_at IS NULL);
BEGIN
  SELECT r.project_id INTO review_project FROM public.access_reviews r WHERE r.id = review AND r.closed_at IS NULL;
  IF review_project IS NULL OR caller IS NULL THEN RETURN false; END IF;
  IF membership IS NOT NULL THEN
    SELECT m.project_id, m.user_id INTO grant_project, grantee FROM public.memberships m WHERE m.id = membership;
  ELSE
    SELECT i.project_id, a.user_id INTO grant_project, grantee
      FROM public.allowlist_entries a JOIN public.items i ON i.id = a.item_id WHERE a.id = allowlist_entry;
  END IF;
  IF grant_project IS DISTINCT FROM review_project THEN RETURN false; END IF;
  IF decision = 'expired' THEN RETURN is_admin AND decided_by IS NULL; END IF;
  RETURN decided_by = caller AND grantee <> caller AND (is_admin OR public.app_active_lead_of(review_project));
END $function$;
REVOKE ALL ON FUNCTION public.app_may_decide_review(review uuid, membership uuid, allowlist_entry uuid, decision text, decided_by uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_may_decide_review(review uuid, membership uuid, allowlist_entry uuid, decision text, decided_by uuid) TO clearance_app;

-- access_review_decisions_apply
-- The decision row is the act: this trigger applies it to the grant, so a reviewer who is not an admin changes a
-- grant only in the ways a review allows — narrowing a member's scopes to a non-empty subset of those held,
-- revoking, or (the window ended) expiring it now. It runs as the owner: memberships and allowlists are otherwise
-- written by admins only.
CREATE OR REPLACE FUNCTION public.access_review_decisions_apply()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  held text[];
BEGIN
  IF NEW.decision = 'narrowed' THEN
    SELECT m.scopes INTO held FROM public.memberships m WHERE m.id = NEW.membership_id AND m.role = 'member' FOR UPDATE;
    IF held IS NULL OR cardinality(NEW.scopes_after) = 0 OR NOT (NEW.scopes_after <@ held) OR NEW.scopes_after = held THEN
      RAISE EXCEPTION 'a review narrows a member''s scopes to a smaller, non-empty set' USING ERRCODE = 'check_violation';
    END IF;
    UPDATE public.memberships SET scopes = NEW.scopes_after WHERE id = NEW.membership_id;
  ELSIF NEW.decision = 'revoked' THEN
    UPDATE public.memberships SET revoked_at = now() WHERE id = NEW.membership_id AND revoked_at IS NULL;
    UPDATE public.allowlist_entries SET revoked_at = now() WHERE id = NEW.allowlist_entry_id AND revoked_at IS NULL;
  ELSIF NEW.decision = 'expired' THEN
    UPDATE public.memberships SET expires_at = now()
      WHERE id = NEW.membership_id AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now());
    UPDATE public.allowlist_entries SET expires_at = now()
      WHERE id = NEW.allowlist_entry_id AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now());
  END IF;
  RETURN NULL;
END $function$;
REVOKE ALL ON FUNCTION public.access_review_decisions_apply() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.access_review_decisions_apply() TO clearance_app;

-- app_review_activity
-- What each person with a grant did on the project during the review's period, as counts: the reviewer sees
-- how the access was used without reading other people's audit events. Answers only for a reviewer of the review.
CREATE OR REPLACE FUNCTION public.app_review_activity(review uuid)
 RETURNS TABLE(user_id uuid, reads bigint, downloads bigint, reveals bigint)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  r public.access_reviews;
BEGIN
  SELECT * INTO r FROM public.access_reviews WHERE id = review;
  IF r.id IS NULL OR NOT (public.app_active_lead_of(r.project_id)
    OR EXISTS (SELECT 1 FROM public.users u WHERE u.id = public.app_user_id() AND u.role = 'admin' AND u.disabled_at IS NULL)) THEN RETURN; END IF;
  RETURN QUERY SELECT e.actor_id,
      count(*) FILTER (WHERE e.action IN ('item.read', 'file.view')),
      count(*) FILTER (WHERE e.action = 'file.download'),
      count(*) FILTER (WHERE e.action = 'credentials.reveal')
    FROM public.audit_events e
    WHERE e.project_id = r.project_id AND e.outcome = 'allowed' AND e.at >= r.period_start AND e.actor_id IS NOT NULL
    GROUP BY e.actor_id;
END $function$;
REVOKE ALL ON FUNCTION public.app_review_activity(review uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_review_activity(review uuid) TO clearance_app;

-- app_nda_covers_project
-- New helpers for the write rules. The acting user's standing as the policy's agencyStanding: an agency role,
-- an active membership (a lead, or `need` among its scopes when given) and a current NDA covering the client.
CREATE OR REPLACE FUNCTION public.app_nda_covers_project(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.nda_signatures s JOIN public.projects p ON p.id = project
    WHERE s.user_id = public.app_user_id() AND s.superseded_at IS NULL
      AND (s.client_account_id IS NULL OR s.client_account_id = p.client_account_id)
      AND (s.expires_at IS NULL OR s.expires_at > now())); END $function$;
REVOKE ALL ON FUNCTION public.app_nda_covers_project(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_nda_covers_project(project uuid) TO clearance_app;

-- app_agency_standing
CREATE OR REPLACE FUNCTION public.app_agency_standing(project uuid, need text)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN coalesce(public.app_user_role() IN ('admin', 'staff', 'contractor'), false)
    AND EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = public.app_user_id()
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())
      AND (need IS NULL OR m.role = 'lead' OR need = ANY (m.scopes)))
    AND public.app_nda_covers_project(project); END $function$;
REVOKE ALL ON FUNCTION public.app_agency_standing(project uuid, need text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_agency_standing(project uuid, need text) TO clearance_app;

-- app_handover_change_approved
-- The acting owning client applying a change to their hand-over that they approved (lib/dal/client/handover-changes.ts).
CREATE OR REPLACE FUNCTION public.app_handover_change_approved(item uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN public.app_owner_client_of_item(item) AND EXISTS (SELECT 1 FROM public.handover_change_requests r
    WHERE r.item_id = item AND r.status = 'approved' AND r.applied_at IS NULL); END $function$;
REVOKE ALL ON FUNCTION public.app_handover_change_approved(item uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_handover_change_approved(item uuid) TO clearance_app;

-- app_project_owned_by
-- Whether `account` owns the project: for admins, the project's active members and members of that account.
CREATE OR REPLACE FUNCTION public.app_project_owned_by(project uuid, account uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_client_member_of(account)) THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.projects p WHERE p.id = project AND p.client_account_id = account); END $function$;
REVOKE ALL ON FUNCTION public.app_project_owned_by(project uuid, account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_project_owned_by(project uuid, account uuid) TO clearance_app;

-- app_account_zero_association
-- Whether an account demands zero public association: for admins and that account's members.
CREATE OR REPLACE FUNCTION public.app_account_zero_association(account uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_client_member_of(account)) THEN RETURN NULL; END IF;
    RETURN coalesce((SELECT c.zero_public_association FROM public.client_accounts c WHERE c.id = account), false); END $function$;
REVOKE ALL ON FUNCTION public.app_account_zero_association(account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_account_zero_association(account uuid) TO clearance_app;

-- app_project_zero_association
-- Whether the project's owning client demands zero public association: for admins, its active members and that client.
CREATE OR REPLACE FUNCTION public.app_project_zero_association(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_owner_client_of(project)) THEN RETURN NULL; END IF;
    RETURN coalesce((SELECT c.zero_public_association FROM public.projects p JOIN public.client_accounts c ON c.id = p.client_account_id
      WHERE p.id = project), false); END $function$;
REVOKE ALL ON FUNCTION public.app_project_zero_association(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_project_zero_association(project uuid) TO clearance_app;

-- app_authorization_of_account
-- Whether an authorization record belongs to the account: for that account's members (a revocation names its record).
CREATE OR REPLACE FUNCTION public.app_authorization_of_account(record uuid, account uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF NOT public.app_client_member_of(account) THEN RETURN NULL; END IF;
    RETURN EXISTS (SELECT 1 FROM public.authorizations a WHERE a.id = record AND a.client_account_id = account); END $function$;
REVOKE ALL ON FUNCTION public.app_authorization_of_account(record uuid, account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_authorization_of_account(record uuid, account uuid) TO clearance_app;

-- app_invitation_accepted_by
-- Whether `person` accepted the invitation (the event of an acceptance names the new account as its actor).
CREATE OR REPLACE FUNCTION public.app_invitation_accepted_by(invitation uuid, person uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.invitations i WHERE i.id = invitation AND i.accepted_user_id = person
    AND i.accepted_at IS NOT NULL); END $function$;
REVOKE ALL ON FUNCTION public.app_invitation_accepted_by(invitation uuid, person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_invitation_accepted_by(invitation uuid, person uuid) TO clearance_app;

-- app_notification_audience
-- Who a notification addressed to a group goes to, decided here and not by the application (issue 11 point 2):
-- 'owning_client', the active client users of the project's owning client account. app_send_notification refuses
-- anyone else for the kinds addressed to that group (OWNING_CLIENT_KINDS in lib/dal/notifications/audience.ts).
-- Answers only to an active administrator, an active agency member of the project or a member of its owning client
-- (those who tell the client); anyone else gets no rows.
CREATE OR REPLACE FUNCTION public.app_notification_audience(project uuid, audience text)
 RETURNS SETOF uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  owner uuid;
BEGIN
  SELECT p.client_account_id INTO owner FROM public.projects p WHERE p.id = project;
  IF owner IS NULL OR public.app_user_role() IS NULL
      OR NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_client_member_of(owner)) THEN
    RETURN;
  END IF;
  IF audience = 'owning_client' THEN
    RETURN QUERY SELECT cm.user_id FROM public.client_account_members cm JOIN public.users u ON u.id = cm.user_id
      WHERE cm.client_account_id = owner AND u.role = 'client' AND u.disabled_at IS NULL ORDER BY cm.user_id;
  END IF;
END $function$;
REVOKE ALL ON FUNCTION public.app_notification_audience(project uuid, audience text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_notification_audience(project uuid, audience text) TO clearance_app;

-- app_notification_recipients
-- Who a notification goes to, derived here from what it is about and not named by the application (issue 11
-- point 2). `subject` is the row the act refers to; `project` must be that row's project (null for the kinds about
-- no project). Answers only when the acting user is one who may cause that notification (an active administrator
-- for scheduled work, which acts as one); otherwise no rows. app_send_notification refuses anyone not answered here.
--   owning-client kinds (authorization.requested, highrisk.pending, handover.pending, item.classified,
--     breakglass.started, privacy.routed): app_notification_audience(project, 'owning_client'); no subject.
--   access.granted, access.revoked, review.decided (subject: a membership, high-risk or event allowlist entry):
--     its holder, and for access.granted also the project's owning client; caused by an admin or an active member.
--   access.expiring (subject: a membership or high-risk allowlist entry): its holder and the active admins; admin.
--   highrisk.approved, highrisk.refused (subject: a high-risk or event allowlist entry): its holder and whoever
--     granted it; caused by the owning client (or an admin).
--   access_request.created (subject: the access request): the active admins; caused by its requester.
--   access_request.decided (subject: the access request): its requester; caused by an admin.
--   authorization.signed, .refused, .revoked (subject: the authorization request, or the record revoked): the
--     request's author and the project's agency leads; caused by the owning client (or an admin).
--   handover.approved, handover.refused (subject: the hand-over change request): who asked; the owning client.
--   nda.sent (subject: the NDA request): its signer, caused by its sender; nda.signed, nda.refused: its sender,
--     caused by its signer. nda.expiring (subject: the NDA signature): the signer and the active admins; admin.
--   privacy.deadline (subject: the privacy request): the active admins; admin.
--   review.open, review.reminder, review.ended (subject: the access review): the project's leads and the active
--     admins (the reviewers are the leads, else the admins), and for review.ended the holders of the grants that
--     expired in it; caused by an admin or an active member.
--   disclosure.legal, disclosure.gag_lifted (subject: the disclosure): the members of its client account; admin.
--   shortlist.proposed (subject: the shortlist): the creators on it; caused by its author (or an admin).
--   shortlist.withdrawn (subject: the shortlist): to its author, the creators they withdrew; to a creator who
--     withdrew, the author.
CREATE OR REPLACE FUNCTION public.app_notification_recipients(kind text, subject uuid, project uuid)
 RETURNS SETOF uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  me uuid := public.app_user_id();
  admin boolean := public.app_is_admin();
  about uuid;
  holder uuid;
  granter uuid;
BEGIN
  IF public.app_user_role() IS NULL THEN
    RETURN;
  END IF;
  IF kind IN ('authorization.requested', 'highrisk.pending', 'handover.pending', 'item.classified',
      'breakglass.started', 'privacy.routed') THEN
    IF project IS NOT NULL THEN
      RETURN QUERY SELECT a.id FROM public.app_notification_audience(project, 'owning_client') a(id);
    END IF;
  ELSIF kind IN ('access.granted', 'access.revoked', 'access.expiring', 'review.decided', 'highrisk.approved',
      'highrisk.refused') THEN
    SELECT m.project_id, m.user_id, m.granted_by INTO about, holder, granter FROM public.memberships m
      WHERE m.id = subject AND kind NOT IN ('highrisk.approved', 'highrisk.refused');
    IF NOT FOUND THEN
      SELECT i.project_id, a.user_id, a.granted_by INTO about, holder, granter FROM public.allowlist_entries a
        JOIN public.items i ON i.id = a.item_id WHERE a.id = subject;
    END IF;
    IF NOT FOUND AND kind <> 'access.expiring' THEN
      SELECT e.project_id, a.user_id, a.granted_by INTO about, holder, granter FROM public.event_allowlist a
        JOIN public.events e ON e.id = a.event_id WHERE a.id = subject;
    END IF;
    IF NOT FOUND OR about IS DISTINCT FROM project THEN
      RETURN;
    END IF;
    IF kind IN ('highrisk.approved', 'highrisk.refused') THEN
      IF admin OR public.app_owner_client_of(about) THEN
        RETURN QUERY SELECT holder UNION SELECT granter WHERE granter IS NOT NULL;
      END IF;
    ELSIF kind = 'access.expiring' THEN
      IF admin THEN
        RETURN QUERY SELECT holder UNION SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL;
      END IF;
    ELSIF admin OR public.app_active_member_of(about) THEN
      RETURN NEXT holder;
      IF kind = 'access.granted' THEN
        RETURN QUERY SELECT a.id FROM public.app_notification_audience(about, 'owning_client') a(id);
      END IF;
    END IF;
  ELSIF kind IN ('access_request.created', 'access_request.decided') THEN
    SELECT r.project_id, r.requester_id INTO about, holder FROM public.access_requests r WHERE r.id = subject;
    IF NOT FOUND OR about IS DISTINCT FROM project THEN
      RETURN;
    END IF;
    IF kind = 'access_request.created' AND holder = me THEN
      RETURN QUERY SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL;
    ELSIF kind = 'access_request.decided' AND admin THEN
      RETURN NEXT holder;
    END IF;
  ELSIF kind IN ('authorization.signed', 'authorization.refused', 'authorization.revoked') THEN
    SELECT r.project_id, r.requested_by INTO about, holder FROM public.authorization_requests r WHERE r.id = subject;
    IF NOT FOUND THEN
      SELECT a.project_id, r.requested_by INTO about, holder FROM public.authorizations a
        LEFT JOIN public.authorization_requests r ON r.id = a.request_id WHERE a.id = subject;
    END IF;
    IF NOT FOUND OR about IS NULL OR about IS DISTINCT FROM project
        OR NOT (admin OR public.app_owner_client_of(about)) THEN
      RETURN;
    END IF;
    RETURN QUERY SELECT holder WHERE holder IS NOT NULL
      UNION SELECT m.user_id FROM public.memberships m JOIN public.users u ON u.id = m.user_id
        WHERE m.project_id = about AND m.role = 'lead' AND m.revoked_at IS NULL AND u.role <> 'client';
  ELSIF kind IN ('handover.approved', 'handover.refused') THEN
    SELECT h.project_id, h.requested_by INTO about, holder FROM public.handover_change_requests h WHERE h.id = subject;
    IF FOUND AND about IS NOT DISTINCT FROM project AND (admin OR public.app_owner_client_of(about)) THEN
      RETURN NEXT holder;
    END IF;
  ELSIF project IS NOT NULL AND kind IN ('nda.sent', 'nda.signed', 'nda.refused', 'nda.expiring', 'privacy.deadline',
      'disclosure.legal', 'disclosure.gag_lifted', 'shortlist.proposed', 'shortlist.withdrawn') THEN
    RETURN;
  ELSIF kind IN ('nda.sent', 'nda.signed', 'nda.refused') THEN
    SELECT r.user_id, r.sent_by INTO holder, granter FROM public.nda_requests r WHERE r.id = subject;
    IF NOT FOUND THEN
      RETURN;
    END IF;
    IF kind = 'nda.sent' AND granter = me THEN
      RETURN NEXT holder;
    ELSIF kind IN ('nda.signed', 'nda.refused') AND holder = me THEN
      RETURN NEXT granter;
    END IF;
  ELSIF kind = 'nda.expiring' THEN
    IF admin THEN
      RETURN QUERY SELECT s.user_id FROM public.nda_signatures s WHERE s.id = subject
        UNION SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM public.nda_signatures s WHERE s.id = subject);
    END IF;
  ELSIF kind = 'privacy.deadline' THEN
    IF admin AND EXISTS (SELECT 1 FROM public.privacy_requests p WHERE p.id = subject) THEN
      RETURN QUERY SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL;
    END IF;
  ELSIF kind IN ('disclosure.legal', 'disclosure.gag_lifted') THEN
    IF admin THEN
      RETURN QUERY SELECT cm.user_id FROM public.disclosures d
        JOIN public.client_account_members cm ON cm.client_account_id = d.client_account_id WHERE d.id = subject;
    END IF;
  ELSIF kind = 'shortlist.proposed' THEN
    RETURN QUERY SELECT e.user_id FROM public.shortlists s JOIN public.shortlist_entries e ON e.shortlist_id = s.id
      WHERE s.id = subject AND (s.created_by = me OR admin);
  ELSIF kind = 'shortlist.withdrawn' THEN
    RETURN QUERY SELECT e.user_id FROM public.shortlists s JOIN public.shortlist_entries e ON e.shortlist_id = s.id
        WHERE s.id = subject AND s.created_by = me AND e.withdrawn_at IS NOT NULL AND e.withdrawn_by = me
      UNION SELECT s.created_by FROM public.shortlists s JOIN public.shortlist_entries e ON e.shortlist_id = s.id
        WHERE s.id = subject AND e.user_id = me AND e.withdrawn_at IS NOT NULL AND e.withdrawn_by = me;
  ELSIF kind IN ('review.open', 'review.reminder', 'review.ended') THEN
    SELECT v.project_id INTO about FROM public.access_reviews v WHERE v.id = subject;
    IF NOT FOUND OR about IS DISTINCT FROM project OR NOT (admin OR public.app_active_member_of(about)) THEN
      RETURN;
    END IF;
    RETURN QUERY SELECT m.user_id FROM public.memberships m
        WHERE m.project_id = about AND m.role = 'lead' AND m.revoked_at IS NULL
      UNION SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL
      UNION SELECT coalesce(m.user_id, a.user_id) FROM public.access_review_decisions d
        LEFT JOIN public.memberships m ON m.id = d.membership_id
        LEFT JOIN public.allowlist_entries a ON a.id = d.allowlist_entry_id
        WHERE kind = 'review.ended' AND d.review_id = subject AND d.decision = 'expired'
          AND coalesce(m.user_id, a.user_id) IS NOT NULL;
  END IF;
END $function$;
REVOKE ALL ON FUNCTION public.app_notification_recipients(kind text, subject uuid, project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_notification_recipients(kind text, subject uuid, project uuid) TO clearance_app;

-- app_send_notification
-- The one way a notification is written (notifications refuse direct inserts). Since migration 0046 it takes
-- the row the notification is about (`subject`) and writes only to a recipient app_notification_recipients derives
-- from it, for every kind: the application chooses the words, never who hears them. As before: an active
-- signed-in sender who is one of the project's people, an active recipient, a link inside the app.
CREATE OR REPLACE FUNCTION public.app_send_notification(recipient uuid, kind text, project uuid, subject uuid, title text, body text, people uuid[], href text)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
  END IF;
  -- Who hears of it is derived from what it is about, by the database (app_notification_recipients).
  IF NOT EXISTS (SELECT 1 FROM public.app_notification_recipients(kind, subject, project) a(id) WHERE a.id = recipient) THEN
    RAISE EXCEPTION 'this notification does not go to this person' USING ERRCODE = '42501';
  END IF;
  INSERT INTO public.notifications (user_id, kind, title, body, people, href)
    VALUES (recipient, kind, title, body, coalesce(people, '{}'::uuid[]), href) RETURNING id INTO new_id;
  RETURN new_id;
END $function$;
REVOKE ALL ON FUNCTION public.app_send_notification(recipient uuid, kind text, project uuid, subject uuid, title text, body text, people uuid[], href text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_send_notification(recipient uuid, kind text, project uuid, subject uuid, title text, body text, people uuid[], href text) TO clearance_app;

-- items_write_guard
-- What no policy can say: an item keeps its project, author and category, and only an active lead changes its
-- classification or counterparty sharing (or the owning client applying a hand-over change they approved).
CREATE OR REPLACE FUNCTION public.items_write_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;

-- memberships_transition_guard
-- Issue 16: a revocation can be undone within the minute by the administrator who made it, which restores the
-- membership exactly as it was (revoked_at and revoked_by back to null). Anything else stays as before: a
-- membership keeps what was granted, and a revoked membership stays revoked.
CREATE OR REPLACE FUNCTION public.memberships_transition_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF current_user <> 'clearance_app' THEN RETURN NEW; END IF;
  IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.role IS DISTINCT FROM OLD.role
    OR NEW.scopes IS DISTINCT FROM OLD.scopes OR NEW.granted_by IS DISTINCT FROM OLD.granted_by
    OR NEW.break_glass_id IS DISTINCT FROM OLD.break_glass_id OR NEW.expires_at IS DISTINCT FROM OLD.expires_at THEN
    RAISE EXCEPTION 'a membership keeps what was granted: revoke it and grant anew' USING ERRCODE = '42501';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by) THEN
    -- The one way back: the undo, by the revoker, within a minute of the revocation.
    IF NEW.revoked_at IS NULL AND NEW.revoked_by IS NULL AND OLD.revoked_by IS NOT NULL
      AND OLD.revoked_by = public.app_user_id() AND OLD.revoked_at > pg_catalog.now() - interval '60 seconds' THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a revoked membership stays revoked' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $function$;

-- app_credential
-- What a transaction with no acting user holds in hand (lib/dal/auth/bind-credential.ts): the steps before sign-in
-- see only the rows their token, email or request names. Hardened: search_path pinned, names schema-qualified,
-- EXECUTE only for clearance_app.
CREATE OR REPLACE FUNCTION public.app_credential()
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT nullif(pg_catalog.current_setting('app.credential', true), '') $function$;
REVOKE ALL ON FUNCTION public.app_credential() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_credential() TO clearance_app;

-- app_email
CREATE OR REPLACE FUNCTION public.app_email()
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT nullif(pg_catalog.lower(pg_catalog.btrim(pg_catalog.current_setting('app.email', true))), '') $function$;
REVOKE ALL ON FUNCTION public.app_email() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_email() TO clearance_app;

-- app_job
CREATE OR REPLACE FUNCTION public.app_job()
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT nullif(pg_catalog.current_setting('app.job', true), '') $function$;
REVOKE ALL ON FUNCTION public.app_job() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_job() TO clearance_app;

-- app_privacy_request
-- The public privacy request in hand: the one the page names, or the one whose export link is held.
CREATE OR REPLACE FUNCTION public.app_privacy_request()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  named text := pg_catalog.current_setting('app.privacy_request', true);
  found uuid;
BEGIN
  IF named ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' THEN
    RETURN named::uuid;
  END IF;
  IF public.app_credential() IS NOT NULL THEN
    SELECT e.request_id INTO found FROM public.privacy_exports e WHERE e.token_hash = public.app_credential();
  END IF;
  RETURN found;
END $function$;
REVOKE ALL ON FUNCTION public.app_privacy_request() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_privacy_request() TO clearance_app;

-- app_subject
-- Whose rows this transaction may touch as that person: the acting user (if active); with none, the account
-- named by the credential in hand (a live session, an open sign-in challenge, an unused reset link), or by the
-- email typed (sign-in and reset-request steps). Null otherwise: nobody sees anybody's rows.
CREATE OR REPLACE FUNCTION public.app_subject()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  acting uuid := public.app_user_id();
  held text := public.app_credential();
  typed text := public.app_email();
  found uuid;
BEGIN
  IF acting IS NOT NULL THEN
    SELECT u.id INTO found FROM public.users u WHERE u.id = acting AND u.disabled_at IS NULL;
    RETURN found;
  END IF;
  IF held IS NOT NULL THEN
    SELECT s.user_id INTO found FROM public.sessions s WHERE s.id = held AND s.revoked_at IS NULL;
    IF found IS NULL THEN
      SELECT c.user_id INTO found FROM public.sign_in_challenges c WHERE c.token_hash = held AND c.consumed_at IS NULL;
    END IF;
    IF found IS NULL THEN
      SELECT t.user_id INTO found FROM public.password_reset_tokens t WHERE t.token_hash = held AND t.used_at IS NULL;
    END IF;
    IF found IS NOT NULL THEN RETURN found; END IF;
  END IF;
  IF typed IS NOT NULL THEN
    SELECT u.id INTO found FROM public.users u WHERE pg_catalog.lower(u.email) = typed;
  END IF;
  RETURN found;
END $function$;
REVOKE ALL ON FUNCTION public.app_subject() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_subject() TO clearance_app;

-- app_in_hand
-- Something in hand at all: an acting user, a credential, an email, a privacy request or a job.
CREATE OR REPLACE FUNCTION public.app_in_hand()
 RETURNS boolean
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT public.app_user_id() IS NOT NULL OR public.app_credential() IS NOT NULL OR public.app_email() IS NOT NULL
    OR public.app_job() IS NOT NULL OR nullif(pg_catalog.current_setting('app.privacy_request', true), '') IS NOT NULL $function$;
REVOKE ALL ON FUNCTION public.app_in_hand() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_in_hand() TO clearance_app;

-- app_invitation_names
-- Accepting an invitation: the account (and its client membership) the open invitation in hand names.
CREATE OR REPLACE FUNCTION public.app_invitation_names(p_email text, p_role text, p_account uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT EXISTS (SELECT 1 FROM public.invitations i WHERE i.token_hash = public.app_credential() AND i.accepted_at IS NULL
    AND pg_catalog.lower(i.email) = pg_catalog.lower(p_email) AND (p_role IS NULL OR i.role::text = p_role)
    AND (p_account IS NULL OR i.client_account_id = p_account)) $function$;
REVOKE ALL ON FUNCTION public.app_invitation_names(p_email text, p_role text, p_account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_invitation_names(p_email text, p_role text, p_account uuid) TO clearance_app;

-- app_invitation_member
CREATE OR REPLACE FUNCTION public.app_invitation_member(p_user uuid, p_account uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT EXISTS (SELECT 1 FROM public.invitations i JOIN public.users u ON pg_catalog.lower(u.email) = pg_catalog.lower(i.email)
    WHERE i.token_hash = public.app_credential() AND i.accepted_at IS NULL AND i.client_account_id = p_account AND u.id = p_user) $function$;
REVOKE ALL ON FUNCTION public.app_invitation_member(p_user uuid, p_account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_invitation_member(p_user uuid, p_account uuid) TO clearance_app;

-- app_connected_to_account
-- Issue 11: who is connected to a client account (may read its row and its members) now also counts an NDA that
-- covers every client (a general NDA, client_account_id null) in force, as the policy's own NDA rule does: an agency
-- person asking for access to a project they are not on is told its client's codename, and the administrators they
-- notify read it. Still nobody without an NDA (Nina) and no client of an unrelated account.
CREATE OR REPLACE FUNCTION public.app_connected_to_account(account uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT public.app_user_role() IS NOT NULL AND (
    EXISTS (SELECT 1 FROM public.client_account_members cm WHERE cm.client_account_id = account AND cm.user_id = public.app_user_id())
    OR EXISTS (SELECT 1 FROM public.projects p JOIN public.memberships m ON m.project_id = p.id
      WHERE account IN (p.client_account_id, p.counterparty_account_id) AND m.user_id = public.app_user_id()
        AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > pg_catalog.now()))
    OR EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm
        ON cm.client_account_id IN (p.client_account_id, p.counterparty_account_id)
      WHERE account IN (p.client_account_id, p.counterparty_account_id) AND cm.user_id = public.app_user_id())
    OR EXISTS (SELECT 1 FROM public.nda_requests r WHERE r.client_account_id = account AND r.user_id = public.app_user_id())
    OR EXISTS (SELECT 1 FROM public.nda_signatures s WHERE s.client_account_id = account AND s.user_id = public.app_user_id())
    OR EXISTS (SELECT 1 FROM public.nda_signatures s WHERE s.client_account_id IS NULL AND s.user_id = public.app_user_id()
      AND s.superseded_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > pg_catalog.now()))) $function$;
REVOKE ALL ON FUNCTION public.app_connected_to_account(account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_connected_to_account(account uuid) TO clearance_app;

-- app_client_sees_signer
-- A client member sees the NDA signatures (for their account, or general ones) of people on their projects.
CREATE OR REPLACE FUNCTION public.app_client_sees_signer(signer uuid, account uuid)
 RETURNS boolean
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT EXISTS (SELECT 1 FROM public.client_account_members cm
    JOIN public.users u ON u.id = cm.user_id AND u.disabled_at IS NULL
    JOIN public.projects p ON p.client_account_id = cm.client_account_id
    JOIN public.memberships m ON m.project_id = p.id AND m.user_id = signer
    WHERE cm.user_id = public.app_user_id() AND (account IS NULL OR account = cm.client_account_id)) $function$;
REVOKE ALL ON FUNCTION public.app_client_sees_signer(signer uuid, account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_client_sees_signer(signer uuid, account uuid) TO clearance_app;

-- app_profile_holder
-- Profiles (issue 14): the policy of lib/authz/profiles.ts restated for row-level security (hand-written).
-- Who may hold a profile: an active contractor, or an active client user of a talent account.
CREATE OR REPLACE FUNCTION public.app_profile_holder(person uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.users u WHERE u.id = person AND u.disabled_at IS NULL AND (u.role = 'contractor'
    OR (u.role = 'client' AND EXISTS (SELECT 1 FROM public.client_account_members cm JOIN public.client_accounts c ON c.id = cm.client_account_id
      WHERE cm.user_id = person AND c.kind = 'talent')))); END $function$;
REVOKE ALL ON FUNCTION public.app_profile_holder(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_profile_holder(person uuid) TO clearance_app;

-- app_profile_public
-- A public profile may exist: a holder with no zero-public-association account (docs/product.md §5, §12).
CREATE OR REPLACE FUNCTION public.app_profile_public(person uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN public.app_profile_holder(person) AND NOT EXISTS (SELECT 1 FROM public.client_account_members cm
    JOIN public.client_accounts c ON c.id = cm.client_account_id WHERE cm.user_id = person AND c.zero_public_association); END $function$;
REVOKE ALL ON FUNCTION public.app_profile_public(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_profile_public(person uuid) TO clearance_app;

-- app_profile_tier
-- app_profile_tier of migration 0029, the brand tier only through entries and shortlists not withdrawn.
CREATE OR REPLACE FUNCTION public.app_profile_tier(person uuid)
 RETURNS text
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;
REVOKE ALL ON FUNCTION public.app_profile_tier(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_profile_tier(person uuid) TO clearance_app;

-- app_is_brand_account
CREATE OR REPLACE FUNCTION public.app_is_brand_account(account uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.client_accounts c WHERE c.id = account AND c.kind = 'brand'); END $function$;
REVOKE ALL ON FUNCTION public.app_is_brand_account(account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_is_brand_account(account uuid) TO clearance_app;

-- app_shortlist_visible
CREATE OR REPLACE FUNCTION public.app_shortlist_visible(list uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.shortlists s WHERE s.id = list AND (s.created_by = public.app_user_id()
    OR (s.proposed_at IS NOT NULL AND s.withdrawn_at IS NULL AND public.app_client_member_of(s.brand_account_id)))); END $function$;
REVOKE ALL ON FUNCTION public.app_shortlist_visible(list uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_shortlist_visible(list uuid) TO clearance_app;

-- app_shortlist_draft_of_actor
-- A shortlist the acting staff member made and has not proposed yet (entries change only then).
CREATE OR REPLACE FUNCTION public.app_shortlist_draft_of_actor(list uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN public.app_user_role() = 'staff' AND EXISTS (SELECT 1 FROM public.shortlists s WHERE s.id = list
    AND s.created_by = public.app_user_id() AND s.proposed_at IS NULL); END $function$;
REVOKE ALL ON FUNCTION public.app_shortlist_draft_of_actor(list uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_shortlist_draft_of_actor(list uuid) TO clearance_app;

-- app_shortlist_names_actor
-- A shortlist naming the acting user (the creator proposed on it).
CREATE OR REPLACE FUNCTION public.app_shortlist_names_actor(list uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.shortlist_entries e WHERE e.shortlist_id = list AND e.user_id = public.app_user_id()); END $function$;
REVOKE ALL ON FUNCTION public.app_shortlist_names_actor(list uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_shortlist_names_actor(list uuid) TO clearance_app;

-- app_profile_person
-- What the policy needs to know about a person for their profile (lib/dal/profiles/facts.ts), readable under the
-- client-account and user walls of migration 0028: whether they hold a profile (and as what), zero public
-- association on any of their accounts, and their account ids (opaque; matched against project_directory).
CREATE OR REPLACE FUNCTION public.app_profile_person(person uuid)
 RETURNS TABLE(holder text, zero_public boolean, accounts uuid[])
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN QUERY SELECT
    CASE WHEN NOT public.app_profile_holder(person) THEN NULL WHEN u.role = 'contractor' THEN 'contractor' ELSE 'talent' END,
    EXISTS (SELECT 1 FROM public.client_account_members cm JOIN public.client_accounts c ON c.id = cm.client_account_id
      WHERE cm.user_id = person AND c.zero_public_association),
    coalesce((SELECT array_agg(cm.client_account_id) FROM public.client_account_members cm WHERE cm.user_id = person), '{}'::uuid[])
  FROM public.users u WHERE u.id = person; END $function$;
REVOKE ALL ON FUNCTION public.app_profile_person(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_profile_person(person uuid) TO clearance_app;

-- app_account_codename
-- A client account's codename, for any signed-in user (codenames are what people without the identity see).
CREATE OR REPLACE FUNCTION public.app_account_codename(account uuid)
 RETURNS text
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN IF public.app_user_role() IS NULL THEN RETURN NULL; END IF;
    RETURN (SELECT c.codename FROM public.client_accounts c WHERE c.id = account); END $function$;
REVOKE ALL ON FUNCTION public.app_account_codename(account uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_account_codename(account uuid) TO clearance_app;

-- app_brand_directory
-- Brand accounts by codename, for staff choosing whom to propose creators to.
CREATE OR REPLACE FUNCTION public.app_brand_directory()
 RETURNS TABLE(id uuid, codename text)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN IF public.app_user_role() IS DISTINCT FROM 'staff' THEN RETURN; END IF;
    RETURN QUERY SELECT c.id, c.codename FROM public.client_accounts c WHERE c.kind = 'brand' ORDER BY c.codename; END $function$;
REVOKE ALL ON FUNCTION public.app_brand_directory() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_brand_directory() TO clearance_app;

-- app_brand_label
-- How a brand is named to a creator proposed to it: its real name when the creator already deals with it (a
-- project of their accounts with the brand as counterparty or owner), else its codename. The real name only to
-- the creator themselves or to the staff member whose shortlist for that brand names the creator (to tell them).
CREATE OR REPLACE FUNCTION public.app_brand_label(person uuid, brand uuid)
 RETURNS TABLE(label text, known boolean)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;
REVOKE ALL ON FUNCTION public.app_brand_label(person uuid, brand uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_brand_label(person uuid, brand uuid) TO clearance_app;

-- app_project_event_manager
-- Events (issue 14), hand-written part. The row-level security helpers the policies below call, hardened like
-- migration 0027's: SECURITY DEFINER PL/pgSQL with search_path pg_catalog, pg_temp and qualified names, EXECUTE for
-- clearance_app only. They read memberships, NDAs and guests past those tables' own policies, and each answers one
-- question about the acting user (app_user_id()) or the RSVP link in hand (app_credential(): its SHA-256).
CREATE OR REPLACE FUNCTION public.app_project_event_manager(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN coalesce(public.app_user_role() IN ('admin', 'staff', 'contractor'), false)
    AND EXISTS (SELECT 1 FROM public.memberships m WHERE m.project_id = project AND m.user_id = public.app_user_id()
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now()) AND (m.role = 'lead' OR 'logistics' = ANY (m.scopes)))
    AND EXISTS (SELECT 1 FROM public.nda_signatures s JOIN public.projects p ON p.id = project WHERE s.user_id = public.app_user_id()
      AND s.superseded_at IS NULL AND (s.client_account_id IS NULL OR s.client_account_id = p.client_account_id)
      AND (s.expires_at IS NULL OR s.expires_at > now())); END $function$;
REVOKE ALL ON FUNCTION public.app_project_event_manager(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_project_event_manager(project uuid) TO clearance_app;

-- app_event_manager
CREATE OR REPLACE FUNCTION public.app_event_manager(event uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN coalesce(public.app_project_event_manager((SELECT e.project_id FROM public.events e WHERE e.id = event)), false); END $function$;
REVOKE ALL ON FUNCTION public.app_event_manager(event uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_event_manager(event uuid) TO clearance_app;

-- app_project_event_owner
CREATE OR REPLACE FUNCTION public.app_project_event_owner(project uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN coalesce(public.app_user_role() = 'client', false)
    AND EXISTS (SELECT 1 FROM public.projects p WHERE p.id = project AND public.app_client_member_of(p.client_account_id)); END $function$;
REVOKE ALL ON FUNCTION public.app_project_event_owner(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_project_event_owner(project uuid) TO clearance_app;

-- app_event_owner
CREATE OR REPLACE FUNCTION public.app_event_owner(event uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN coalesce(public.app_project_event_owner((SELECT e.project_id FROM public.events e WHERE e.id = event)), false); END $function$;
REVOKE ALL ON FUNCTION public.app_event_owner(event uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_event_owner(event uuid) TO clearance_app;

-- app_event_allowlisted
CREATE OR REPLACE FUNCTION public.app_event_allowlisted(event uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.event_allowlist a WHERE a.event_id = event AND a.user_id = public.app_user_id()
    AND a.revoked_at IS NULL AND a.status = 'active'); END $function$;
REVOKE ALL ON FUNCTION public.app_event_allowlisted(event uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_event_allowlisted(event uuid) TO clearance_app;

-- app_event_creator
CREATE OR REPLACE FUNCTION public.app_event_creator(event uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.events e WHERE e.id = event AND e.created_by = public.app_user_id()) AND public.app_event_manager(event); END $function$;
REVOKE ALL ON FUNCTION public.app_event_creator(event uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_event_creator(event uuid) TO clearance_app;

-- app_rsvp_guest
-- The guest whose RSVP link this transaction holds (no acting user; the link's SHA-256 bound as app.credential),
-- while the link is valid. Null for anyone else.
CREATE OR REPLACE FUNCTION public.app_rsvp_guest()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN
    IF public.app_user_id() IS NOT NULL OR public.app_credential() IS NULL THEN RETURN NULL; END IF;
    RETURN (SELECT g.id FROM public.guests g WHERE g.token_hash = public.app_credential() AND g.token_expires_at > now()); END $function$;
REVOKE ALL ON FUNCTION public.app_rsvp_guest() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_rsvp_guest() TO clearance_app;

-- app_rsvp_event
CREATE OR REPLACE FUNCTION public.app_rsvp_event()
 RETURNS uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN (SELECT g.event_id FROM public.guests g WHERE g.id = public.app_rsvp_guest()); END $function$;
REVOKE ALL ON FUNCTION public.app_rsvp_event() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_rsvp_event() TO clearance_app;

-- guest_records_append_only
CREATE OR REPLACE FUNCTION public.guest_records_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  RAISE EXCEPTION '% is append-only: record a new entry instead', TG_TABLE_NAME;
END $function$;

-- retention_event_needs
-- The retention run (an administrator, who reads no event content): guests' needs of events that started before
-- `at` minus each event's own retention days are deleted (apply) or counted (dry run); legal holds on the project stop it.
CREATE OR REPLACE FUNCTION public.retention_event_needs(at timestamp with time zone, apply boolean)
 RETURNS TABLE(r_event_id uuid, r_codename text, r_needs integer, r_held boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;
REVOKE ALL ON FUNCTION public.retention_event_needs(at timestamp with time zone, apply boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.retention_event_needs(at timestamp with time zone, apply boolean) TO clearance_app;

-- privacy_guest_records
-- Rights requests (an administrator): a guest is found by email. Export returns their guest records with the sealed
-- needs (opened for the person's own export only); erase removes the needs and the link and de-identifies the row,
-- keeping the consent and attendance records, which name nobody once the row is de-identified.
CREATE OR REPLACE FUNCTION public.privacy_guest_records(subject_email text, erase boolean, erased_name text)
 RETURNS TABLE(r_guest_id uuid, r_codename text, r_event_name text, r_starts_at timestamp with time zone, r_name text, r_email text, r_plus_ones integer, r_status text, r_responded_at timestamp with time zone, r_needs jsonb)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;
REVOKE ALL ON FUNCTION public.privacy_guest_records(subject_email text, erase boolean, erased_name text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_guest_records(subject_email text, erase boolean, erased_name text) TO clearance_app;

-- privacy_erase_files
-- Erasure includes files (issue 13; hand-written). The versions a person uploaded are deleted with their
-- encrypted content (chunks in the database go by cascade; blobs in an external store are removed by the
-- application or the orphan sweep), unless a legal hold on the person or the item's project keeps them; a file
-- left with no version goes too. Erasure runs as an administrator, who cannot see files under row-level security,
-- hence a definer function that answers only to an administrator. Returns every version found, held or not.
CREATE OR REPLACE FUNCTION public.privacy_erase_files(person uuid)
 RETURNS TABLE(r_blob_store text, r_blob_key text, r_store_state jsonb, r_held boolean)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  rec record;
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'erasure needs an administrator' USING ERRCODE = '42501';
  END IF;
  FOR rec IN
    SELECT v.id, v.file_id, v.blob_store, v.blob_key, v.store_state,
      (public.retention_user_held(person) OR public.retention_project_held(i.project_id)) AS held
    FROM public.file_versions v JOIN public.files f ON f.id = v.file_id JOIN public.items i ON i.id = f.item_id
    WHERE v.uploaded_by = person
  LOOP
    IF NOT rec.held THEN
      DELETE FROM public.file_versions WHERE id = rec.id;
      DELETE FROM public.files f WHERE f.id = rec.file_id AND NOT EXISTS (SELECT 1 FROM public.file_versions w WHERE w.file_id = f.id);
    END IF;
    r_blob_store := rec.blob_store;
    r_blob_key := rec.blob_key;
    r_store_state := rec.store_state;
    r_held := rec.held;
    RETURN NEXT;
  END LOOP;
END $function$;
REVOKE ALL ON FUNCTION public.privacy_erase_files(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_erase_files(person uuid) TO clearance_app;

-- privacy_export_files
-- The access/portability export lists the file versions a person uploaded (their own data): which item (by
-- reference), the sealed name, size, type, SHA-256, when, and each version's id (to match it with its bytes when
-- the download is made). The export runs as an administrator, hence a definer function answering only to one.
CREATE OR REPLACE FUNCTION public.privacy_export_files(person uuid)
RETURNS TABLE (r_file_id uuid, r_name_sealed jsonb, r_version integer, r_item_category text, r_item_ref bigint,
  r_size bigint, r_content_type text, r_sha256 text, r_state text, r_uploaded_at timestamptz, r_version_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT coalesce(public.app_is_admin(), false) THEN
    RAISE EXCEPTION 'exports need an administrator' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
  SELECT f.id, f.name_sealed, v.version, i.category::text, i.ref, v.size, v.content_type, v.sha256, v.state, v.created_at, v.id
  FROM public.file_versions v JOIN public.files f ON f.id = v.file_id JOIN public.items i ON i.id = f.item_id
  WHERE v.uploaded_by = person
  ORDER BY v.created_at, v.id;
END $$;
REVOKE ALL ON FUNCTION public.privacy_export_files(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_export_files(person uuid) TO clearance_app;

-- privacy_export_person
-- What an administrator cannot read under row-level security but the person's export
-- must hold — their profile (every field, sealed ones still sealed: the application opens them), the
-- shortlists naming them, withdrawn or not (the brand by its real name only where the person already deals with
-- it, else by codename; the campaign only then), and their guest records found by email with attendance and the consents
-- to the use of their needs. Only to an administrator, and only for the subject of a verified access or
-- portability request; null otherwise.
CREATE OR REPLACE FUNCTION public.privacy_export_person(request uuid) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  r public.privacy_requests%ROWTYPE;
  person uuid;
  wanted text;
BEGIN
  IF NOT coalesce(public.app_is_admin(), false) THEN RETURN NULL; END IF;
  SELECT * INTO r FROM public.privacy_requests q
    WHERE q.id = request AND q.verified_at IS NOT NULL AND q.kind IN ('access', 'portability');
  IF NOT FOUND THEN RETURN NULL; END IF;
  person := r.subject_user_id;
  wanted := pg_catalog.lower(r.subject_email);
  RETURN pg_catalog.jsonb_build_object(
    'profile', (SELECT pg_catalog.jsonb_build_object('id', p.id, 'slug', p.slug, 'created_at', p.created_at, 'updated_at', p.updated_at)
      FROM public.profiles p WHERE person IS NOT NULL AND p.user_id = person),
    'fields', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('profile_id', f.profile_id, 'field', f.field,
        'value', f.value, 'sealed', f.sealed, 'visibility', f.visibility, 'updated_at', f.updated_at) ORDER BY f.field)
      FROM public.profile_fields f WHERE person IS NOT NULL AND f.user_id = person), '[]'::jsonb),
    'shortlists', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'brand', CASE WHEN d.deals THEN d.name ELSE d.codename END, 'known', d.deals,
        'campaign', CASE WHEN d.deals THEN d.campaign END, 'proposed_at', d.proposed_at, 'added_at', d.added_at,
        'withdrawn_at', d.withdrawn_at) ORDER BY d.added_at)
      FROM (SELECT b.name, b.codename, s.campaign, s.proposed_at, e.created_at AS added_at,
          coalesce(e.withdrawn_at, s.withdrawn_at) AS withdrawn_at,
          EXISTS (SELECT 1 FROM public.projects pr JOIN public.client_account_members cm ON cm.user_id = person
              AND (cm.client_account_id = pr.client_account_id OR cm.client_account_id = pr.counterparty_account_id)
            WHERE (pr.counterparty_account_id = b.id OR pr.client_account_id = b.id) AND cm.client_account_id <> b.id) AS deals
        FROM public.shortlist_entries e JOIN public.shortlists s ON s.id = e.shortlist_id
          JOIN public.client_accounts b ON b.id = s.brand_account_id
        WHERE person IS NOT NULL AND e.user_id = person AND s.proposed_at IS NOT NULL) d), '[]'::jsonb),
    'guests', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', g.id, 'event', ev.name, 'project', pr.codename,
        'starts_at', ev.starts_at, 'name', g.name, 'email', g.email, 'plus_ones', g.plus_ones, 'status', g.status,
        'invited_at', g.invited_at, 'responded_at', g.responded_at, 'needs', n.sealed, 'needs_given_at', n.given_at,
        'checked_in_at', (SELECT c.checked_in_at FROM public.guest_check_ins c WHERE c.guest_id = g.id),
        'consents', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('decision', k.decision,
            'notice_version', k.notice_version, 'at', k.created_at) ORDER BY k.created_at)
          FROM public.guest_need_consents k WHERE k.guest_id = g.id), '[]'::jsonb)) ORDER BY ev.starts_at, g.id)
      FROM public.guests g JOIN public.events ev ON ev.id = g.event_id JOIN public.projects pr ON pr.id = ev.project_id
        LEFT JOIN public.guest_needs n ON n.guest_id = g.id
      WHERE pg_catalog.lower(g.email) = wanted), '[]'::jsonb));
END $$;
REVOKE ALL ON FUNCTION public.privacy_export_person(request uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_export_person(request uuid) TO clearance_app;

-- privacy_export_link_versions
-- The export's download, by the holder of the emailed link (no one is signed in; row-level security hides files
-- from "nobody"): the ready versions the person uploaded, for the export whose token
-- hash the transaction holds (app.credential), once that link has been claimed (used) and for a day after — the
-- time a large download may take. Nothing for any other credential, or none.
CREATE OR REPLACE FUNCTION public.privacy_export_link_versions()
RETURNS TABLE (r_version_id uuid, r_file_id uuid, r_version integer, r_name_sealed jsonb, r_size bigint,
  r_content_type text, r_sha256 text, r_data_key jsonb, r_chunk_size integer, r_blob_store text, r_blob_key text,
  r_uploaded_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  held text := public.app_credential();
  person uuid;
BEGIN
  IF held IS NULL THEN RETURN; END IF;
  SELECT q.subject_user_id INTO person FROM public.privacy_exports e JOIN public.privacy_requests q ON q.id = e.request_id
    WHERE e.token_hash = held AND e.used_at IS NOT NULL AND e.used_at > pg_catalog.now() - interval '1 day'
      AND q.kind IN ('access', 'portability') AND q.verified_at IS NOT NULL;
  IF person IS NULL THEN RETURN; END IF;
  RETURN QUERY
  SELECT v.id, v.file_id, v.version, f.name_sealed, v.size, v.content_type, v.sha256, v.data_key, v.chunk_size,
    v.blob_store, v.blob_key, v.created_at
  FROM public.file_versions v JOIN public.files f ON f.id = v.file_id
  WHERE v.uploaded_by = person AND v.state = 'ready'
  ORDER BY v.created_at, v.id;
END $$;
REVOKE ALL ON FUNCTION public.privacy_export_link_versions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_export_link_versions() TO clearance_app;

-- privacy_export_link_chunks
-- Sealed chunks [first, first + count) of one of those versions (database store), as
-- base64 text (see lib/files/blob-store/chunk-sql.ts). Nothing for a blob that is not one of them.
CREATE OR REPLACE FUNCTION public.privacy_export_link_chunks(blob text, first integer, count integer)
RETURNS TABLE (r_idx integer, r_data text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF count < 1 OR count > 16 OR NOT EXISTS (SELECT 1 FROM public.privacy_export_link_versions() l WHERE l.r_blob_key = blob) THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT c.idx, pg_catalog.encode(c.data, 'base64') FROM public.file_chunks c
  WHERE c.blob_key = blob AND c.idx >= first AND c.idx < first + count
  ORDER BY c.idx;
END $$;
REVOKE ALL ON FUNCTION public.privacy_export_link_chunks(blob text, first integer, count integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_export_link_chunks(blob text, first integer, count integer) TO clearance_app;

-- app_browser
-- Issue 11: with no acting user, anonymous cookie choices were readable by anyone (consent_view allowed every row with
-- no user_id). Now a browser reaches only its own: the transaction binds its consent cookie's id as app.browser
-- (lib/dal/auth/bind-credential.ts, lib/dal/privacy/consent.ts); a person their own records; an administrator all.
CREATE OR REPLACE FUNCTION public.app_browser()
 RETURNS text
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ SELECT nullif(pg_catalog.current_setting('app.browser', true), '') $function$;
REVOKE ALL ON FUNCTION public.app_browser() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_browser() TO clearance_app;

-- app_review_undecided
-- Access reviews (issue 15): closing a review can never skip the expiry of what nobody confirmed. The lead closes
-- it only when every grant in force on the project has a decision in it; an admin ends it (the application first
-- records 'expired' for what is left). Nothing but closed_at and closed_by changes, once.
CREATE OR REPLACE FUNCTION public.app_review_undecided(review uuid)
 RETURNS integer
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  project uuid;
BEGIN
  SELECT r.project_id INTO project FROM public.access_reviews r WHERE r.id = review;
  IF project IS NULL OR NOT (public.app_active_lead_of(project)
      OR EXISTS (SELECT 1 FROM public.users u WHERE u.id = public.app_user_id() AND u.role = 'admin' AND u.disabled_at IS NULL)) THEN
    RETURN NULL;
  END IF;
  RETURN (SELECT count(*) FROM public.memberships m WHERE m.project_id = project AND m.revoked_at IS NULL
      AND (m.expires_at IS NULL OR m.expires_at > now())
      AND NOT EXISTS (SELECT 1 FROM public.access_review_decisions d WHERE d.review_id = review AND d.membership_id = m.id))
    + (SELECT count(*) FROM public.allowlist_entries a JOIN public.items i ON i.id = a.item_id
      WHERE i.project_id = project AND a.status = 'active' AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now())
      AND NOT EXISTS (SELECT 1 FROM public.access_review_decisions d WHERE d.review_id = review AND d.allowlist_entry_id = a.id));
END $function$;
REVOKE ALL ON FUNCTION public.app_review_undecided(review uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_review_undecided(review uuid) TO clearance_app;

-- access_reviews_guard
CREATE OR REPLACE FUNCTION public.access_reviews_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF current_user <> 'clearance_app' THEN RETURN NEW; END IF;
  IF OLD.closed_at IS NOT NULL OR NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.period_start IS DISTINCT FROM OLD.period_start
    OR NEW.opened_at IS DISTINCT FROM OLD.opened_at OR NEW.opened_by IS DISTINCT FROM OLD.opened_by OR NEW.due_at IS DISTINCT FROM OLD.due_at THEN
    RAISE EXCEPTION 'a review only closes, once' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $function$;

-- app_review_allowlist
-- Access reviews (issue 15): a lead reviews every high-risk grant in force on their project, but allowlist entries
-- are readable only by their holder, the owning client and admins. This answers the reviewer — an admin or the
-- project's active lead — with the live entries on the project's items (ids, holder, item, end), nothing else.
CREATE OR REPLACE FUNCTION public.app_review_allowlist(project uuid)
 RETURNS TABLE(id uuid, user_id uuid, item_id uuid, expires_at timestamp with time zone, granted_at timestamp with time zone)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF NOT (public.app_active_lead_of(project)
      OR EXISTS (SELECT 1 FROM public.users u WHERE u.id = public.app_user_id() AND u.role = 'admin' AND u.disabled_at IS NULL)) THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT a.id, a.user_id, a.item_id, a.expires_at, a.granted_at
    FROM public.allowlist_entries a JOIN public.items i ON i.id = a.item_id
    WHERE i.project_id = project AND a.status = 'active' AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now());
END $function$;
REVOKE ALL ON FUNCTION public.app_review_allowlist(project uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_review_allowlist(project uuid) TO clearance_app;

-- app_event_lead
-- Issue 14, hand-written part (functions before the policies below that call them).
--
-- 1. Event allowlist grants by the project's lead as well as an admin, pending the owning client's approval when
--    the client requires it (like item allowlists): only an active entry opens the venue and guests' needs.
CREATE OR REPLACE FUNCTION public.app_event_lead(event uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN public.app_event_manager(event) AND EXISTS (SELECT 1 FROM public.memberships m JOIN public.events e ON e.project_id = m.project_id
    WHERE e.id = event AND m.user_id = public.app_user_id() AND m.role = 'lead' AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())); END $function$;
REVOKE ALL ON FUNCTION public.app_event_lead(event uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_event_lead(event uuid) TO clearance_app;

-- event_allowlist_guard
-- An entry's who, what and why never change; its status moves once from pending (to active or refused), and it is
-- revoked once. (Policies say who may update; this says what an update may do.)
CREATE OR REPLACE FUNCTION public.event_allowlist_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;

-- app_shortlist_of_actor
-- 2. Shortlists can be withdrawn: an entry by the shortlist's author or the creator, the whole list by its author.
--    The brand stops seeing them at once; the creator and the author keep the record (the creator's history).
CREATE OR REPLACE FUNCTION public.app_shortlist_of_actor(list uuid)
 RETURNS boolean
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$ BEGIN RETURN EXISTS (SELECT 1 FROM public.shortlists s WHERE s.id = list AND s.created_by = public.app_user_id()); END $function$;
REVOKE ALL ON FUNCTION public.app_shortlist_of_actor(list uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_shortlist_of_actor(list uuid) TO clearance_app;

-- shortlist_entries_withdraw_guard
-- A withdrawal changes only withdrawn_at and withdrawn_by, once.
CREATE OR REPLACE FUNCTION public.shortlist_entries_withdraw_guard()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
BEGIN
  IF NEW.shortlist_id <> OLD.shortlist_id OR NEW.profile_id <> OLD.profile_id OR NEW.user_id <> OLD.user_id
     OR NEW.added_by <> OLD.added_by OR NEW.created_at <> OLD.created_at
     OR OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL OR NEW.withdrawn_by IS NULL THEN
    RAISE EXCEPTION 'a shortlist entry can only be withdrawn, once' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $function$;

-- privacy_erase_profile
-- 3. Erasure includes the profile (lib/dal/privacy/erase.ts). As an administrator, who cannot see a talent's
--    fields under row-level security: every field deleted (the sealed ones with their envelopes); the consent
--    records kept as proof of what was agreed and withdrawn (field, visibility, notice version, time, under the
--    pseudonymous id) without the IP address and browser; shortlist entries proposing the person deleted; the
--    profile row kept, naming nobody, with a new random address so the old public page is gone.
CREATE OR REPLACE FUNCTION public.privacy_erase_profile(person uuid)
 RETURNS TABLE(r_fields integer, r_sealed integer, r_consents integer, r_entries integer, r_profiles integer)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
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
END $function$;
REVOKE ALL ON FUNCTION public.privacy_erase_profile(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.privacy_erase_profile(person uuid) TO clearance_app;


-- The disclosure register (issue 15, migration 0042): its guard, the counterparty-share trigger function, the withholding auditor.
CREATE OR REPLACE FUNCTION public.disclosures_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF OLD.gag_lifted_at IS NOT NULL OR NOT OLD.gagged OR NEW.gag_lifted_at IS NULL
     OR (to_jsonb(NEW) - 'gag_lifted_at' - 'gag_lifted_by') <> (to_jsonb(OLD) - 'gag_lifted_at' - 'gag_lifted_by') THEN
    RAISE EXCEPTION 'a disclosure record changes only by lifting its gag, once' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
-- Sharing an item with the counterparty brand is a disclosure (issue 15 point 2): whichever path shares it (a lead's
-- new item or reclassification, a client's approved hand-over change, the seed), its record is written here, in the
-- same transaction — the brand as recipient, the item's category, the item and its files by reference, the person
-- who shared it as approver. As definer: the sharer may not read the register, and the row names the brand's account.
CREATE OR REPLACE FUNCTION public.disclosures_record_counterparty_share() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  owner uuid;
  counterparty uuid;
  brand text;
  shared_files uuid[];
BEGIN
  IF NOT NEW.shared_with_counterparty OR (TG_OP = 'UPDATE' AND OLD.shared_with_counterparty) THEN
    RETURN NULL;
  END IF;
  SELECT p.client_account_id, p.counterparty_account_id INTO owner, counterparty FROM public.projects p WHERE p.id = NEW.project_id;
  IF counterparty IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT a.codename INTO brand FROM public.client_accounts a WHERE a.id = counterparty;
  SELECT coalesce(array_agg(f.id ORDER BY f.created_at), '{}'::uuid[]) INTO shared_files FROM public.files f WHERE f.item_id = NEW.id;
  INSERT INTO public.disclosures (recipient_kind, recipient_name, recipient_account_id, country, client_account_id, project_id,
      data_categories, item_ids, file_ids, purpose, lawful_basis, source, approved_by, disclosed_at)
    VALUES ('brand_partner', brand, counterparty, NULL, owner, NEW.project_id,
      ARRAY[NEW.category::text], ARRAY[NEW.id], shared_files,
      'Deal execution, campaign approvals and reporting with the counterparty brand', 'contract', 'counterparty_share',
      public.app_user_id(), now());
  RETURN NULL;
END $$;
REVOKE EXECUTE ON FUNCTION public.disclosures_record_counterparty_share() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.disclosures_record_counterparty_share() TO clearance_app;
-- Withholding a gagged disclosure is itself audited (issue 15 point 2). When a client's "Shared with" or a person's
-- access export is built while a record about them is gagged, one event per client account is written here, with no
-- actor and no project: only admins read it (audit_view), so the event cannot tell the client what the register
-- hides. It returns nothing, whatever it found: the caller learns nothing either. A client asks about themselves
-- only; an admin (building an export) about anyone.
CREATE OR REPLACE FUNCTION public.app_note_withheld_disclosures(subject uuid, via text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  me uuid := public.app_user_id();
  r record;
BEGIN
  IF me IS NULL OR subject IS NULL OR via NOT IN ('shared_with', 'export') THEN
    RETURN;
  END IF;
  IF subject <> me AND NOT public.app_is_admin() THEN
    RETURN;
  END IF;
  FOR r IN
    SELECT d.client_account_id AS account, array_agg(d.id ORDER BY d.disclosed_at) AS ids
    FROM public.disclosures d
    JOIN public.client_account_members cm ON cm.client_account_id = d.client_account_id AND cm.user_id = subject
    WHERE d.gagged AND d.gag_lifted_at IS NULL AND (d.gag_until IS NULL OR d.gag_until > now())
    GROUP BY d.client_account_id
  LOOP
    INSERT INTO public.audit_events (actor_id, action, target_type, target_id, project_id, outcome, reason, details)
      VALUES (NULL, 'disclosure.withheld', 'client_account', r.account, NULL, 'denied', 'gagged',
        jsonb_build_object('subject', subject, 'askedBy', me, 'via', via, 'disclosureIds', to_jsonb(r.ids), 'count', cardinality(r.ids)));
  END LOOP;
END $$;
REVOKE EXECUTE ON FUNCTION public.app_note_withheld_disclosures(uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_note_withheld_disclosures(uuid, text) TO clearance_app;


-- app_erase_password (migration 0045): erasure removes the person's password hash (lib/dal/privacy/erase.ts). As an
-- administrator, who cannot read user_passwords under row-level security (so cannot delete from it either): only the
-- given account's row, only for an active administrator. Answers how many rows went (0 or 1).
CREATE OR REPLACE FUNCTION public.app_erase_password(person uuid) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  removed integer;
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'erasure needs an administrator' USING ERRCODE = '42501';
  END IF;
  DELETE FROM public.user_passwords p WHERE p.user_id = person;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;
REVOKE ALL ON FUNCTION public.app_erase_password(person uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.app_erase_password(person uuid) TO clearance_app;

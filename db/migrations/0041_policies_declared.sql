-- Issue 11 point 6: the policies written by hand in earlier migrations (0001, 0005, 0008, 0018, 0022, 0024, 0027,
-- 0029, 0032) are now declared with their tables in db/schema (pgPolicy), so drizzle-kit generated them here. They
-- exist already, so each is dropped and created again in this one transaction (hand-added DROP POLICY IF EXISTS).
-- projects_view, items_read and items_update are built from lib/authz/predicates.ts, the text the SQL twin uses
-- too: the same rules, with a client's accounts read once as in the twin.
-- The helper functions are in db/functions.sql, applied after the migrations (db/functions.ts).
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "allowlist_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "authorization_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "authorizations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "suppression_entries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "consent_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "policy_acknowledgements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "policy_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_holds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "retention_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "access_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "handover_change_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "agency_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "idempotent_submissions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP POLICY IF EXISTS "projects_view" ON "projects";--> statement-breakpoint
CREATE POLICY "projects_view" ON "projects" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (((select app_user_role()) in ('admin', 'staff', 'contractor') and (exists (select 1 from memberships m
    where m.project_id = projects.id and m.user_id = (select app_user_id())
      and m.revoked_at is null and (m.expires_at is null or m.expires_at > now())) and exists (select 1 from nda_signatures s
    where s.user_id = (select app_user_id())
      and s.superseded_at is null
      and (s.client_account_id is null or s.client_account_id = projects.client_account_id)
      and (s.expires_at is null or s.expires_at > now()))))
  or ((select app_user_role()) = 'client' and ((projects.client_account_id is not null and projects.client_account_id = any(array(select cm.client_account_id
    from client_account_members cm where cm.user_id = (select app_user_id())))) or (projects.counterparty_account_id is not null and projects.counterparty_account_id = any(array(select cm.client_account_id
    from client_account_members cm where cm.user_id = (select app_user_id())))))));--> statement-breakpoint
DROP POLICY IF EXISTS "projects_create" ON "projects";--> statement-breakpoint
CREATE POLICY "projects_create" ON "projects" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "items_read" ON "items";--> statement-breakpoint
CREATE POLICY "items_read" ON "items" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (exists (select 1 from projects where projects.id = items.project_id and (
    ((select app_user_role()) in ('admin', 'staff', 'contractor') and (exists (select 1 from memberships m
    where m.project_id = projects.id and m.user_id = (select app_user_id())
      and m.revoked_at is null and (m.expires_at is null or m.expires_at > now()) and (m.role = 'lead' or items.category::text = any(m.scopes)))
    and (items.classification <> 'high_risk' or exists (select 1 from allowlist_entries a
    where a.item_id = items.id and a.user_id = (select app_user_id()) and a.status = 'active'
      and a.revoked_at is null and (a.expires_at is null or a.expires_at > now())))))
    or ((select app_user_role()) = 'client' and (((projects.client_account_id is not null and projects.client_account_id = any(array(select cm.client_account_id
    from client_account_members cm where cm.user_id = (select app_user_id())))) and items.category <> 'communications')
    or ((projects.counterparty_account_id is not null and projects.counterparty_account_id = any(array(select cm.client_account_id
    from client_account_members cm where cm.user_id = (select app_user_id())))) and items.shared_with_counterparty and items.classification <> 'high_risk'))))));--> statement-breakpoint
DROP POLICY IF EXISTS "items_create" ON "items";--> statement-breakpoint
CREATE POLICY "items_create" ON "items" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (items.author_id = (select app_user_id()) and (
        app_agency_standing(items.project_id, items.category::text)
        or ((select app_user_role()) = 'client' and items.category in ('logistics', 'creative', 'credentials')
          and items.classification = 'high_risk' and app_owner_client_of(items.project_id))));--> statement-breakpoint
DROP POLICY IF EXISTS "items_update" ON "items";--> statement-breakpoint
CREATE POLICY "items_update" ON "items" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((exists (select 1 from projects where projects.id = items.project_id and (
    ((select app_user_role()) in ('admin', 'staff', 'contractor') and (exists (select 1 from memberships m
    where m.project_id = projects.id and m.user_id = (select app_user_id())
      and m.revoked_at is null and (m.expires_at is null or m.expires_at > now()) and (m.role = 'lead' or items.category::text = any(m.scopes)))
    and (items.classification <> 'high_risk' or exists (select 1 from allowlist_entries a
    where a.item_id = items.id and a.user_id = (select app_user_id()) and a.status = 'active'
      and a.revoked_at is null and (a.expires_at is null or a.expires_at > now())))))
    or ((select app_user_role()) = 'client' and (((projects.client_account_id is not null and projects.client_account_id = any(array(select cm.client_account_id
    from client_account_members cm where cm.user_id = (select app_user_id())))) and items.category <> 'communications')
    or ((projects.counterparty_account_id is not null and projects.counterparty_account_id = any(array(select cm.client_account_id
    from client_account_members cm where cm.user_id = (select app_user_id())))) and items.shared_with_counterparty and items.classification <> 'high_risk'))))) and (items.author_id = (select app_user_id()) or app_active_lead_of(items.project_id)))
        or app_handover_change_approved(items.id)) WITH CHECK (items.author_id = (select app_user_id()) or app_active_lead_of(items.project_id) or app_handover_change_approved(items.id));--> statement-breakpoint
DROP POLICY IF EXISTS "allowlist_view" ON "allowlist_entries";--> statement-breakpoint
CREATE POLICY "allowlist_view" ON "allowlist_entries" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_user_id()) or (select app_is_admin()) or app_owner_client_of_item(item_id));--> statement-breakpoint
DROP POLICY IF EXISTS "allowlist_grant" ON "allowlist_entries";--> statement-breakpoint
CREATE POLICY "allowlist_grant" ON "allowlist_entries" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (((select app_is_admin()) and user_id <> (select app_user_id()) and granted_by = (select app_user_id())
          and break_glass_id is null and (status = 'pending' or not app_item_requires_approval(item_id)))
        or (status = 'active' and break_glass_id is null and granted_by = (select app_user_id()) and app_may_seed_allowlist(item_id))
        or (status = 'active' and user_id = (select app_user_id()) and granted_by is null and break_glass_id is not null
          and app_break_glass_open(break_glass_id, app_item_project(item_id))));--> statement-breakpoint
DROP POLICY IF EXISTS "allowlist_decide" ON "allowlist_entries";--> statement-breakpoint
CREATE POLICY "allowlist_decide" ON "allowlist_entries" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (status = 'pending' and app_owner_client_of_item(item_id)) WITH CHECK (status in ('active', 'refused') and decided_by = (select app_user_id()) and app_owner_client_of_item(item_id));--> statement-breakpoint
DROP POLICY IF EXISTS "allowlist_revoke" ON "allowlist_entries";--> statement-breakpoint
CREATE POLICY "allowlist_revoke" ON "allowlist_entries" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "break_glass_view" ON "break_glass_grants";--> statement-breakpoint
CREATE POLICY "break_glass_view" ON "break_glass_grants" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_user_id()) or (select app_is_admin()) or app_owner_client_of(project_id));--> statement-breakpoint
DROP POLICY IF EXISTS "break_glass_open" ON "break_glass_grants";--> statement-breakpoint
CREATE POLICY "break_glass_open" ON "break_glass_grants" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_user_id()) and (select app_is_admin()) and app_single_admin() and ended_at is null);--> statement-breakpoint
DROP POLICY IF EXISTS "break_glass_end" ON "break_glass_grants";--> statement-breakpoint
CREATE POLICY "break_glass_end" ON "break_glass_grants" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (user_id = (select app_user_id()) and (select app_is_admin())) WITH CHECK (user_id = (select app_user_id()));--> statement-breakpoint
DROP POLICY IF EXISTS "memberships_view" ON "memberships";--> statement-breakpoint
CREATE POLICY "memberships_view" ON "memberships" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_user_id()) or (select app_is_admin()) or app_active_member_of(project_id) or app_owner_client_of(project_id));--> statement-breakpoint
DROP POLICY IF EXISTS "memberships_grant" ON "memberships";--> statement-breakpoint
CREATE POLICY "memberships_grant" ON "memberships" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (((select app_is_admin()) and user_id <> (select app_user_id()) and granted_by = (select app_user_id()) and break_glass_id is null)
        or (user_id = (select app_user_id()) and granted_by is null and break_glass_id is not null and app_break_glass_open(break_glass_id, project_id)));--> statement-breakpoint
DROP POLICY IF EXISTS "memberships_revoke" ON "memberships";--> statement-breakpoint
CREATE POLICY "memberships_revoke" ON "memberships" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "authorization_requests_view" ON "authorization_requests";--> statement-breakpoint
CREATE POLICY "authorization_requests_view" ON "authorization_requests" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_is_admin()) or requested_by = (select app_user_id()) or app_client_member_of(client_account_id)
        or (project_id is not null and (select app_user_role()) in ('staff', 'contractor') and app_active_member_of(project_id)));--> statement-breakpoint
DROP POLICY IF EXISTS "authorization_requests_create" ON "authorization_requests";--> statement-breakpoint
CREATE POLICY "authorization_requests_create" ON "authorization_requests" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (requested_by = (select app_user_id()) and project_id is not null
        and app_agency_standing(project_id, 'identity')
        and app_project_owned_by(project_id, client_account_id)
        and not app_project_zero_association(project_id));--> statement-breakpoint
DROP POLICY IF EXISTS "authorizations_view" ON "authorizations";--> statement-breakpoint
CREATE POLICY "authorizations_view" ON "authorizations" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_is_admin()) or app_client_member_of(client_account_id)
        or (project_id is not null and (select app_user_role()) in ('staff', 'contractor') and app_active_member_of(project_id)));--> statement-breakpoint
DROP POLICY IF EXISTS "authorizations_record" ON "authorizations";--> statement-breakpoint
CREATE POLICY "authorizations_record" ON "authorizations" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (signer_user_id = (select app_user_id()) and app_client_member_of(client_account_id)
        and (project_id is null or app_project_owned_by(project_id, client_account_id))
        and (outcome <> 'signed' or kind::text = 'zero_public_association' or not app_account_zero_association(client_account_id))
        and (revokes_id is null or app_authorization_of_account(revokes_id, client_account_id)));--> statement-breakpoint
DROP POLICY IF EXISTS "audit_view" ON "audit_events";--> statement-breakpoint
CREATE POLICY "audit_view" ON "audit_events" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_is_admin()) or actor_id = (select app_user_id()) or (project_id is not null and app_owner_client_of(project_id)));--> statement-breakpoint
DROP POLICY IF EXISTS "audit_view_profile" ON "audit_events";--> statement-breakpoint
CREATE POLICY "audit_view_profile" ON "audit_events" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (target_type = 'profile' and target_id = (select app_user_id()));--> statement-breakpoint
DROP POLICY IF EXISTS "audit_append" ON "audit_events";--> statement-breakpoint
CREATE POLICY "audit_append" ON "audit_events" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (actor_id is not distinct from (select app_user_id())
        or ((select app_user_id()) is null and actor_id is not null and (
          (action like 'auth.%' and target_type = 'user' and target_id = actor_id)
          or (action = 'user.accept_invitation' and target_type = 'invitation' and app_invitation_accepted_by(target_id, actor_id)))));--> statement-breakpoint
DROP POLICY IF EXISTS "suppression_entries_admin" ON "suppression_entries";--> statement-breakpoint
CREATE POLICY "suppression_entries_admin" ON "suppression_entries" AS PERMISSIVE FOR ALL TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "consent_view" ON "consent_records";--> statement-breakpoint
CREATE POLICY "consent_view" ON "consent_records" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((user_id is null and browser_id = (select public.app_browser())) or user_id = (select public.app_user_id()) or (select public.app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "consent_append" ON "consent_records";--> statement-breakpoint
CREATE POLICY "consent_append" ON "consent_records" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((user_id is null and browser_id = (select public.app_browser())) or user_id = (select public.app_user_id()) or (select public.app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "policy_acknowledgements_view" ON "policy_acknowledgements";--> statement-breakpoint
CREATE POLICY "policy_acknowledgements_view" ON "policy_acknowledgements" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_user_id()) or (select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "policy_acknowledgements_record" ON "policy_acknowledgements";--> statement-breakpoint
CREATE POLICY "policy_acknowledgements_record" ON "policy_acknowledgements" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_user_id()));--> statement-breakpoint
DROP POLICY IF EXISTS "policy_versions_read" ON "policy_versions";--> statement-breakpoint
CREATE POLICY "policy_versions_read" ON "policy_versions" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (true);--> statement-breakpoint
DROP POLICY IF EXISTS "policy_versions_publish" ON "policy_versions";--> statement-breakpoint
CREATE POLICY "policy_versions_publish" ON "policy_versions" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) and published_by = (select app_user_id()));--> statement-breakpoint
DROP POLICY IF EXISTS "legal_holds_admin" ON "legal_holds";--> statement-breakpoint
CREATE POLICY "legal_holds_admin" ON "legal_holds" AS PERMISSIVE FOR ALL TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "retention_rules_admin" ON "retention_rules";--> statement-breakpoint
CREATE POLICY "retention_rules_admin" ON "retention_rules" AS PERMISSIVE FOR ALL TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "notifications_own" ON "notifications";--> statement-breakpoint
CREATE POLICY "notifications_own" ON "notifications" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_user_id()));--> statement-breakpoint
DROP POLICY IF EXISTS "notifications_read" ON "notifications";--> statement-breakpoint
CREATE POLICY "notifications_read" ON "notifications" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (user_id = (select app_user_id())) WITH CHECK (user_id = (select app_user_id()));--> statement-breakpoint
DROP POLICY IF EXISTS "notifications_erase" ON "notifications";--> statement-breakpoint
CREATE POLICY "notifications_erase" ON "notifications" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (user_id = (select app_user_id()) or (select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "access_requests_view" ON "access_requests";--> statement-breakpoint
CREATE POLICY "access_requests_view" ON "access_requests" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (requester_id = (select app_user_id()) or (select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "access_requests_create" ON "access_requests";--> statement-breakpoint
CREATE POLICY "access_requests_create" ON "access_requests" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (requester_id = (select app_user_id()) and (select app_user_role()) in ('admin', 'staff', 'contractor')
        and app_nda_covers_project(project_id) and status = 'open' and decided_by is null);--> statement-breakpoint
DROP POLICY IF EXISTS "access_requests_decide" ON "access_requests";--> statement-breakpoint
CREATE POLICY "access_requests_decide" ON "access_requests" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
DROP POLICY IF EXISTS "handover_change_requests_view" ON "handover_change_requests";--> statement-breakpoint
CREATE POLICY "handover_change_requests_view" ON "handover_change_requests" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (requested_by = (select app_user_id()) or (select app_is_admin()) or app_owner_client_of(project_id) or app_active_member_of(project_id));--> statement-breakpoint
DROP POLICY IF EXISTS "handover_change_requests_ask" ON "handover_change_requests";--> statement-breakpoint
CREATE POLICY "handover_change_requests_ask" ON "handover_change_requests" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (requested_by = (select app_user_id()) and status = 'pending' and decided_by is null and applied_at is null
        and (select app_user_role()) in ('admin', 'staff', 'contractor') and app_active_member_of(project_id));--> statement-breakpoint
DROP POLICY IF EXISTS "handover_change_requests_decide" ON "handover_change_requests";--> statement-breakpoint
CREATE POLICY "handover_change_requests_decide" ON "handover_change_requests" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((status = 'pending' or (status = 'approved' and applied_at is null)) and app_owner_client_of(project_id)) WITH CHECK (status in ('approved', 'refused') and decided_by = (select app_user_id()) and app_owner_client_of(project_id));--> statement-breakpoint
DROP POLICY IF EXISTS "agency_settings_view" ON "agency_settings";--> statement-breakpoint
CREATE POLICY "agency_settings_view" ON "agency_settings" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (true);--> statement-breakpoint
DROP POLICY IF EXISTS "agency_settings_insert" ON "agency_settings";--> statement-breakpoint
CREATE POLICY "agency_settings_insert" ON "agency_settings" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) and updated_by = (select app_user_id()));--> statement-breakpoint
DROP POLICY IF EXISTS "agency_settings_update" ON "agency_settings";--> statement-breakpoint
CREATE POLICY "agency_settings_update" ON "agency_settings" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()) and updated_by = (select app_user_id()));--> statement-breakpoint
DROP POLICY IF EXISTS "idempotent_submissions_own" ON "idempotent_submissions";--> statement-breakpoint
CREATE POLICY "idempotent_submissions_own" ON "idempotent_submissions" AS PERMISSIVE FOR ALL TO "clearance_app" USING (actor_id = (select app_user_id())) WITH CHECK (actor_id = (select app_user_id()));
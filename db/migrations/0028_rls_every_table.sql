-- What a transaction with no acting user holds in hand (lib/dal/auth/bind-credential.ts): the steps before sign-in
-- see only the rows their token, email or request names. Hardened: search_path pinned, names schema-qualified,
-- EXECUTE only for clearance_app.
CREATE OR REPLACE FUNCTION public.app_credential() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT nullif(pg_catalog.current_setting('app.credential', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_email() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT nullif(pg_catalog.lower(pg_catalog.btrim(pg_catalog.current_setting('app.email', true))), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_job() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT nullif(pg_catalog.current_setting('app.job', true), '') $$;
--> statement-breakpoint
-- The public privacy request in hand: the one the page names, or the one whose export link is held.
CREATE OR REPLACE FUNCTION public.app_privacy_request() RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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
END $$;
--> statement-breakpoint
-- Whose rows this transaction may touch as that person: the acting user (if active); with none, the account
-- named by the credential in hand (a live session, an open sign-in challenge, an unused reset link), or by the
-- email typed (sign-in and reset-request steps). Null otherwise: nobody sees anybody's rows.
CREATE OR REPLACE FUNCTION public.app_subject() RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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
END $$;
--> statement-breakpoint
-- Something in hand at all: an acting user, a credential, an email, a privacy request or a job.
CREATE OR REPLACE FUNCTION public.app_in_hand() RETURNS boolean LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT public.app_user_id() IS NOT NULL OR public.app_credential() IS NOT NULL OR public.app_email() IS NOT NULL
    OR public.app_job() IS NOT NULL OR nullif(pg_catalog.current_setting('app.privacy_request', true), '') IS NOT NULL $$;
--> statement-breakpoint
-- Accepting an invitation: the account (and its client membership) the open invitation in hand names.
CREATE OR REPLACE FUNCTION public.app_invitation_names(p_email text, p_role text, p_account uuid) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM public.invitations i WHERE i.token_hash = public.app_credential() AND i.accepted_at IS NULL
    AND pg_catalog.lower(i.email) = pg_catalog.lower(p_email) AND (p_role IS NULL OR i.role::text = p_role)
    AND (p_account IS NULL OR i.client_account_id = p_account)) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.app_invitation_member(p_user uuid, p_account uuid) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM public.invitations i JOIN public.users u ON pg_catalog.lower(u.email) = pg_catalog.lower(i.email)
    WHERE i.token_hash = public.app_credential() AND i.accepted_at IS NULL AND i.client_account_id = p_account AND u.id = p_user) $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_credential(), public.app_email(), public.app_job(), public.app_privacy_request(),
  public.app_subject(), public.app_in_hand(), public.app_invitation_names(text, text, uuid), public.app_invitation_member(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_credential(), public.app_email(), public.app_job(), public.app_privacy_request(),
  public.app_subject(), public.app_in_hand(), public.app_invitation_names(text, text, uuid), public.app_invitation_member(uuid, uuid) TO clearance_app;
--> statement-breakpoint
-- People connected to a client account (who may read its row and its members): its members; client members and
-- active agency members of a project it owns or is counterparty to; people asked to sign, or holding, an NDA for it.
CREATE OR REPLACE FUNCTION public.app_connected_to_account(account uuid) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT public.app_user_role() IS NOT NULL AND (
    EXISTS (SELECT 1 FROM public.client_account_members cm WHERE cm.client_account_id = account AND cm.user_id = public.app_user_id())
    OR EXISTS (SELECT 1 FROM public.projects p JOIN public.memberships m ON m.project_id = p.id
      WHERE account IN (p.client_account_id, p.counterparty_account_id) AND m.user_id = public.app_user_id()
        AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > pg_catalog.now()))
    OR EXISTS (SELECT 1 FROM public.projects p JOIN public.client_account_members cm
        ON cm.client_account_id IN (p.client_account_id, p.counterparty_account_id)
      WHERE account IN (p.client_account_id, p.counterparty_account_id) AND cm.user_id = public.app_user_id())
    OR EXISTS (SELECT 1 FROM public.nda_requests r WHERE r.client_account_id = account AND r.user_id = public.app_user_id())
    OR EXISTS (SELECT 1 FROM public.nda_signatures s WHERE s.client_account_id = account AND s.user_id = public.app_user_id())) $$;
--> statement-breakpoint
-- A client member sees the NDA signatures (for their account, or general ones) of people on their projects.
CREATE OR REPLACE FUNCTION public.app_client_sees_signer(signer uuid, account uuid) RETURNS boolean LANGUAGE sql STABLE
  SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM public.client_account_members cm
    JOIN public.users u ON u.id = cm.user_id AND u.disabled_at IS NULL
    JOIN public.projects p ON p.client_account_id = cm.client_account_id
    JOIN public.memberships m ON m.project_id = p.id AND m.user_id = signer
    WHERE cm.user_id = public.app_user_id() AND (account IS NULL OR account = cm.client_account_id)) $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_connected_to_account(uuid), public.app_client_sees_signer(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_connected_to_account(uuid), public.app_client_sees_signer(uuid, uuid) TO clearance_app;
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "client_account_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "client_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "nda_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "nda_signatures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "nda_versions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox_emails" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "password_reset_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "recovery_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sign_in_challenges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sign_in_throttles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "two_factor_secrets" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "privacy_exports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "privacy_flags" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "privacy_request_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "privacy_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "job_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "reminders_sent" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY "invitations_view" ON "invitations" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (token_hash = (select app_credential()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "invitations_send" ON "invitations" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) and invited_by = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "invitations_accept" ON "invitations" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (token_hash = (select app_credential()) or (select app_is_admin())) WITH CHECK (token_hash = (select app_credential()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "invitations_remove" ON "invitations" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "sessions_view" ON "sessions" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (id = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "sessions_open" ON "sessions" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "sessions_end" ON "sessions" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (id = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin())) WITH CHECK (id = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "sessions_remove" ON "sessions" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "users_view" ON "users" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_user_role()) is not null or id = (select app_subject()) or app_invitation_names(email, null, null) or ((select app_job()) = 'retention' and role = 'admin' and disabled_at is null));--> statement-breakpoint
CREATE POLICY "users_create" ON "users" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) or app_invitation_names(email, role::text, null));--> statement-breakpoint
CREATE POLICY "users_update" ON "users" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (id = (select app_subject()) or (select app_is_admin())) WITH CHECK (id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "client_account_members_view" ON "client_account_members" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()) or app_connected_to_account(client_account_id));--> statement-breakpoint
CREATE POLICY "client_account_members_add" ON "client_account_members" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) or app_invitation_member(user_id, client_account_id));--> statement-breakpoint
CREATE POLICY "client_account_members_remove" ON "client_account_members" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "client_accounts_view" ON "client_accounts" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_is_admin()) or app_connected_to_account(id));--> statement-breakpoint
CREATE POLICY "client_accounts_create" ON "client_accounts" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "client_accounts_settings" ON "client_accounts" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin()) or app_client_member_of(id)) WITH CHECK ((select app_is_admin()) or app_client_member_of(id));--> statement-breakpoint
CREATE POLICY "nda_requests_view" ON "nda_requests" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "nda_requests_send" ON "nda_requests" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) and sent_by = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "nda_requests_answer" ON "nda_requests" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin())) WITH CHECK (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "nda_requests_erase" ON "nda_requests" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "nda_signatures_view" ON "nda_signatures" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()) or app_client_sees_signer(user_id, client_account_id));--> statement-breakpoint
CREATE POLICY "nda_signatures_sign" ON "nda_signatures" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_user_id()) and (select app_user_role()) is not null);--> statement-breakpoint
CREATE POLICY "nda_signatures_admin" ON "nda_signatures" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "nda_signatures_erase" ON "nda_signatures" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "nda_versions_view" ON "nda_versions" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_user_role()) is not null);--> statement-breakpoint
CREATE POLICY "nda_versions_publish" ON "nda_versions" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "outbox_emails_queue" ON "outbox_emails" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_in_hand()));--> statement-breakpoint
CREATE POLICY "outbox_emails_view" ON "outbox_emails" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_job()) = 'outbox' or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "outbox_emails_deliver" ON "outbox_emails" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_job()) = 'outbox') WITH CHECK ((select app_job()) = 'outbox');--> statement-breakpoint
CREATE POLICY "outbox_emails_erase" ON "outbox_emails" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "password_reset_tokens_view" ON "password_reset_tokens" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (token_hash = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "password_reset_tokens_issue" ON "password_reset_tokens" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "password_reset_tokens_use" ON "password_reset_tokens" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (token_hash = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin())) WITH CHECK (token_hash = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "password_reset_tokens_remove" ON "password_reset_tokens" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "recovery_codes_view" ON "recovery_codes" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "recovery_codes_add" ON "recovery_codes" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "recovery_codes_use" ON "recovery_codes" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (user_id = (select app_subject())) WITH CHECK (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "recovery_codes_remove" ON "recovery_codes" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "sign_in_challenges_view" ON "sign_in_challenges" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (token_hash = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "sign_in_challenges_open" ON "sign_in_challenges" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "sign_in_challenges_step" ON "sign_in_challenges" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (token_hash = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin())) WITH CHECK (token_hash = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "sign_in_challenges_remove" ON "sign_in_challenges" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "sign_in_throttles_view" ON "sign_in_throttles" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_in_hand()));--> statement-breakpoint
CREATE POLICY "sign_in_throttles_count" ON "sign_in_throttles" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_in_hand()));--> statement-breakpoint
CREATE POLICY "sign_in_throttles_settle" ON "sign_in_throttles" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_in_hand())) WITH CHECK ((select app_in_hand()));--> statement-breakpoint
CREATE POLICY "two_factor_secrets_view" ON "two_factor_secrets" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "two_factor_secrets_add" ON "two_factor_secrets" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "two_factor_secrets_use" ON "two_factor_secrets" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (user_id = (select app_subject())) WITH CHECK (user_id = (select app_subject()));--> statement-breakpoint
CREATE POLICY "two_factor_secrets_remove" ON "two_factor_secrets" AS PERMISSIVE FOR DELETE TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_exports_view" ON "privacy_exports" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (token_hash = (select app_credential()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_exports_make" ON "privacy_exports" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_exports_use" ON "privacy_exports" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (token_hash = (select app_credential()) or (select app_is_admin())) WITH CHECK (token_hash = (select app_credential()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_exports_remove" ON "privacy_exports" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_flags_view" ON "privacy_flags" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_flags_admin" ON "privacy_flags" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_flags_change" ON "privacy_flags" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin())) WITH CHECK ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_flags_remove" ON "privacy_flags" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_request_codes_own" ON "privacy_request_codes" AS PERMISSIVE FOR ALL TO "clearance_app" USING (request_id = (select app_privacy_request()) or (select app_is_admin())) WITH CHECK (request_id = (select app_privacy_request()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_requests_view" ON "privacy_requests" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (id = (select app_privacy_request()) or lower(subject_email) = (select app_email()) or subject_user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_requests_file" ON "privacy_requests" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) or subject_user_id = (select app_user_id()) and (select app_user_role()) is not null or subject_user_id is null and channel = 'public' and lower(subject_email) = (select app_email()));--> statement-breakpoint
CREATE POLICY "privacy_requests_progress" ON "privacy_requests" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (id = (select app_privacy_request()) or lower(subject_email) = (select app_email()) or subject_user_id = (select app_subject()) or (select app_is_admin())) WITH CHECK (id = (select app_privacy_request()) or subject_user_id = (select app_subject()) or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "privacy_requests_remove" ON "privacy_requests" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "job_runs_view" ON "job_runs" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_job()) = 'job_runs' or (select app_is_admin()));--> statement-breakpoint
CREATE POLICY "job_runs_start" ON "job_runs" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_job()) = 'job_runs' and (requested_by is null or requested_by = (select app_user_id())));--> statement-breakpoint
CREATE POLICY "job_runs_finish" ON "job_runs" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_job()) = 'job_runs') WITH CHECK ((select app_job()) = 'job_runs');--> statement-breakpoint
CREATE POLICY "job_runs_prune" ON "job_runs" AS PERMISSIVE FOR DELETE TO "clearance_app" USING ((select app_job()) = 'job_runs');--> statement-breakpoint
CREATE POLICY "reminders_sent_view" ON "reminders_sent" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_is_admin()));--> statement-breakpoint
CREATE POLICY "reminders_sent_record" ON "reminders_sent" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()));--> statement-breakpoint
-- Row-level security forced on every table in public (issue 11): it binds the tables' owner too, so a query that
-- skips the role switch sees nothing either (the owner connecting must itself be a superuser or BYPASSRLS: the
-- definer functions run as it; see db/client.ts assertApplicationRole). New tables add FORCE in their own migration.
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relrowsecurity
  LOOP
    EXECUTE pg_catalog.format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
  END LOOP;
END $$;

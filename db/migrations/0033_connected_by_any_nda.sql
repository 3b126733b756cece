-- Issue 11: who is connected to a client account (may read its row and its members) now also counts an NDA that
-- covers every client (a general NDA, client_account_id null) in force, as the policy's own NDA rule does: an agency
-- person asking for access to a project they are not on is told its client's codename, and the administrators they
-- notify read it. Still nobody without an NDA (Nina) and no client of an unrelated account.
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
    OR EXISTS (SELECT 1 FROM public.nda_signatures s WHERE s.client_account_id = account AND s.user_id = public.app_user_id())
    OR EXISTS (SELECT 1 FROM public.nda_signatures s WHERE s.client_account_id IS NULL AND s.user_id = public.app_user_id()
      AND s.superseded_at IS NULL AND (s.expires_at IS NULL OR s.expires_at > pg_catalog.now()))) $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_connected_to_account(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_connected_to_account(uuid) TO clearance_app;

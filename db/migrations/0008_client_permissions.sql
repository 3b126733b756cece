-- Client permissions (hand-written; the same rules as lib/authz/policy.ts and sql.ts).
-- Pending or refused high-risk grants give no access; a member of the owning client sees their projects'
-- roster, allowlists and audit events and decides pending grants; written authorizations are append-only;
-- the public portfolio is a content-free view.

-- Revocations made before records were append-only become revocation records of their own.
INSERT INTO authorizations (client_account_id, project_id, kind, outcome, signed_text, signed_text_sha256, signer_name, signed_at, revokes_id, reason)
SELECT a.client_account_id, a.project_id, a.kind, 'revoked', 'Revoked (recorded before revocations were separate records).',
  encode(sha256(convert_to('Revoked (recorded before revocations were separate records).', 'UTF8')), 'hex'),
  'Unknown signer', a.revoked_at, a.id, 'Carried over from the revoked_at column'
FROM authorizations a WHERE a.revoked_at IS NOT NULL;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_client_member_of(account uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM client_account_members cm JOIN users u ON u.id = cm.user_id
    WHERE cm.client_account_id = account AND cm.user_id = app_user_id() AND u.role = 'client' AND u.disabled_at IS NULL) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_owner_client_of_item(item uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM items i JOIN projects p ON p.id = i.project_id
    WHERE i.id = item AND app_client_member_of(p.client_account_id)) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_item_requires_approval(item uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT coalesce((SELECT c.requires_high_risk_approval FROM items i JOIN projects p ON p.id = i.project_id
    JOIN client_accounts c ON c.id = p.client_account_id WHERE i.id = item), false) $$;
--> statement-breakpoint
-- item.read: as in 0001, but only an *active* allowlist entry opens a high-risk item (not pending, not refused).
DROP POLICY IF EXISTS items_read ON items;
--> statement-breakpoint
CREATE POLICY items_read ON items FOR SELECT TO clearance_app USING (
  EXISTS (SELECT 1 FROM projects p WHERE p.id = items.project_id AND (
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
);
--> statement-breakpoint
-- Allowlists: the grantee, the admin, and the owning client (who decides pending grants).
DROP POLICY IF EXISTS allowlist_view ON allowlist_entries;
--> statement-breakpoint
CREATE POLICY allowlist_view ON allowlist_entries FOR SELECT TO clearance_app USING (
  user_id = (SELECT app_user_id()) OR (SELECT app_is_admin()) OR app_owner_client_of_item(item_id)
);
--> statement-breakpoint
-- An admin's grant waits for the client when the client requires approval; authors and leads seed new items.
DROP POLICY IF EXISTS allowlist_grant ON allowlist_entries;
--> statement-breakpoint
CREATE POLICY allowlist_grant ON allowlist_entries FOR INSERT TO clearance_app WITH CHECK (
  ((SELECT app_is_admin()) AND (status = 'pending' OR NOT app_item_requires_approval(item_id)))
  OR (status = 'active' AND app_may_seed_allowlist(item_id))
);
--> statement-breakpoint
CREATE POLICY allowlist_decide ON allowlist_entries FOR UPDATE TO clearance_app
  USING (status = 'pending' AND app_owner_client_of_item(item_id))
  WITH CHECK (status IN ('active', 'refused') AND decided_by = (SELECT app_user_id()) AND app_owner_client_of_item(item_id));
--> statement-breakpoint
-- Only the owning client moves an entry out of `pending`; nothing moves an entry back into it or out of `refused`.
CREATE OR REPLACE FUNCTION allowlist_entries_status_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status AND NOT (OLD.status = 'pending' AND app_owner_client_of_item(NEW.item_id)) THEN
    RAISE EXCEPTION 'only the owning client decides a pending high-risk grant';
  END IF;
  IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.item_id IS DISTINCT FROM OLD.item_id THEN
    RAISE EXCEPTION 'an allowlist entry keeps its person and item';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER allowlist_entries_status_guard BEFORE UPDATE ON allowlist_entries FOR EACH ROW EXECUTE FUNCTION allowlist_entries_status_guard();
--> statement-breakpoint
-- The roster: an active member of the project, the admin, the person concerned and the owning client.
DROP POLICY IF EXISTS memberships_view ON memberships;
--> statement-breakpoint
CREATE POLICY memberships_view ON memberships FOR SELECT TO clearance_app USING (
  user_id = (SELECT app_user_id()) OR (SELECT app_is_admin()) OR app_active_member_of(project_id) OR app_owner_client_of(project_id)
);
--> statement-breakpoint
-- The owning client reads the audit events of their projects (who read what, grants and revocations).
DROP POLICY IF EXISTS audit_view ON audit_events;
--> statement-breakpoint
CREATE POLICY audit_view ON audit_events FOR SELECT TO clearance_app USING (
  (SELECT app_is_admin()) OR actor_id = (SELECT app_user_id())
  OR (project_id IS NOT NULL AND app_owner_client_of(project_id))
);
--> statement-breakpoint
-- Written authorizations and requests: append-only for the application, like the audit log.
REVOKE UPDATE, DELETE, TRUNCATE ON authorizations, authorization_requests FROM clearance_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION authorizations_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: record a revocation instead', TG_TABLE_NAME;
END $$;
--> statement-breakpoint
CREATE TRIGGER authorizations_append_only BEFORE UPDATE OR DELETE ON authorizations FOR EACH ROW EXECUTE FUNCTION authorizations_append_only();
--> statement-breakpoint
CREATE TRIGGER authorization_requests_append_only BEFORE UPDATE OR DELETE ON authorization_requests FOR EACH ROW EXECUTE FUNCTION authorizations_append_only();
--> statement-breakpoint
ALTER TABLE authorizations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE authorization_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY authorizations_view ON authorizations FOR SELECT TO clearance_app USING (
  (SELECT app_is_admin()) OR app_client_member_of(client_account_id)
  OR (project_id IS NOT NULL AND (SELECT app_user_role()) IN ('staff', 'contractor') AND app_active_member_of(project_id))
);
--> statement-breakpoint
-- Only a member of the client account signs, refuses or revokes, in their own name.
CREATE POLICY authorizations_record ON authorizations FOR INSERT TO clearance_app WITH CHECK (
  signer_user_id = (SELECT app_user_id()) AND app_client_member_of(client_account_id)
);
--> statement-breakpoint
CREATE POLICY authorization_requests_view ON authorization_requests FOR SELECT TO clearance_app USING (
  (SELECT app_is_admin()) OR requested_by = (SELECT app_user_id()) OR app_client_member_of(client_account_id)
  OR (project_id IS NOT NULL AND (SELECT app_user_role()) IN ('staff', 'contractor') AND app_active_member_of(project_id))
);
--> statement-breakpoint
-- Agency members of the project ask; never for a client demanding zero public association.
CREATE POLICY authorization_requests_create ON authorization_requests FOR INSERT TO clearance_app WITH CHECK (
  requested_by = (SELECT app_user_id()) AND project_id IS NOT NULL
  AND (SELECT app_user_role()) IN ('admin', 'staff', 'contractor') AND app_active_member_of(project_id)
  AND NOT EXISTS (SELECT 1 FROM client_accounts c WHERE c.id = client_account_id AND c.zero_public_association)
);
--> statement-breakpoint
-- The public portfolio: per project, the latest active portfolio_use permission of a client without zero
-- public association; only the approved title and summary.
CREATE VIEW public_portfolio WITH (security_barrier) AS
  SELECT id, project_id, title, summary, signed_at FROM (
    SELECT DISTINCT ON (a.project_id) a.id, a.project_id, a.public_title AS title, a.public_summary AS summary, a.signed_at
    FROM authorizations a JOIN client_accounts c ON c.id = a.client_account_id
    WHERE a.kind = 'portfolio_use' AND a.outcome = 'signed' AND a.project_id IS NOT NULL
      AND a.public_title IS NOT NULL AND a.public_summary IS NOT NULL
      AND (a.expires_at IS NULL OR a.expires_at > now())
      AND NOT c.zero_public_association
      AND NOT EXISTS (SELECT 1 FROM authorizations r WHERE r.revokes_id = a.id)
    ORDER BY a.project_id, a.signed_at DESC
  ) latest;
--> statement-breakpoint
GRANT SELECT ON public_portfolio TO clearance_app;
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_own ON notifications FOR SELECT TO clearance_app USING (user_id = (SELECT app_user_id()));
--> statement-breakpoint
CREATE POLICY notifications_read ON notifications FOR UPDATE TO clearance_app
  USING (user_id = (SELECT app_user_id())) WITH CHECK (user_id = (SELECT app_user_id()));
--> statement-breakpoint
CREATE POLICY notifications_send ON notifications FOR INSERT TO clearance_app WITH CHECK ((SELECT app_user_id()) IS NOT NULL);
--> statement-breakpoint
CREATE POLICY notifications_erase ON notifications FOR DELETE TO clearance_app USING (user_id = (SELECT app_user_id()) OR (SELECT app_is_admin()));
--> statement-breakpoint
ALTER TABLE access_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY access_requests_view ON access_requests FOR SELECT TO clearance_app USING (
  requester_id = (SELECT app_user_id()) OR (SELECT app_is_admin())
);
--> statement-breakpoint
CREATE POLICY access_requests_create ON access_requests FOR INSERT TO clearance_app WITH CHECK (
  requester_id = (SELECT app_user_id()) AND (SELECT app_user_role()) IN ('admin', 'staff', 'contractor')
);
--> statement-breakpoint
CREATE POLICY access_requests_decide ON access_requests FOR UPDATE TO clearance_app
  USING ((SELECT app_is_admin())) WITH CHECK ((SELECT app_is_admin()));

-- No single person (issue 12, SPEC §14; hand-written). Signatures recorded by an admin before NDAs were signed in
-- the portal were data entry: they are marked `paper` (their originals are outside the system). Separation of
-- duties restated in the database: no row grants or records anything to the person who made it, except an
-- admin's own break-glass rows while it is open, in a single-admin deployment. Rows made
-- before this migration stay on the record (NOT VALID), but no new one can be written. A material new NDA
-- version supersedes the older signatures of its agreement: `projects_view` counts only current signatures,
-- like the policy's `ndaCovers` and the SQL twin.
UPDATE nda_signatures SET method = 'paper' WHERE recorded_by IS NOT NULL;
--> statement-breakpoint
ALTER TABLE memberships ADD CONSTRAINT memberships_not_self_granted CHECK (granted_by IS DISTINCT FROM user_id) NOT VALID;
--> statement-breakpoint
ALTER TABLE nda_signatures ADD CONSTRAINT nda_signatures_not_self_recorded CHECK (recorded_by IS DISTINCT FROM user_id) NOT VALID;
--> statement-breakpoint
ALTER TABLE nda_requests ADD CONSTRAINT nda_requests_not_self_sent CHECK (sent_by <> user_id);
--> statement-breakpoint
ALTER TABLE break_glass_grants ADD CONSTRAINT break_glass_grants_at_most_a_day
  CHECK (expires_at > started_at AND expires_at <= started_at + interval '24 hours');
--> statement-breakpoint
-- Break-glass exists only where the deployment has exactly one active admin.
CREATE OR REPLACE FUNCTION app_single_admin() RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
  AS $$ BEGIN RETURN (SELECT count(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL) = 1; END $$;
--> statement-breakpoint
-- An item's project, read past items' row-level security (the admin reads no content; this is metadata).
CREATE OR REPLACE FUNCTION app_item_project(item uuid) RETURNS uuid LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
  AS $$ BEGIN RETURN (SELECT i.project_id FROM items i WHERE i.id = item); END $$;
--> statement-breakpoint
-- The acting admin's own break-glass, open now, on this project.
CREATE OR REPLACE FUNCTION app_break_glass_open(grant_id uuid, project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM break_glass_grants b WHERE b.id = grant_id AND b.project_id = project
    AND b.user_id = app_user_id() AND b.ended_at IS NULL AND b.expires_at > now()) AND app_is_admin() AND app_single_admin(); END $$;
--> statement-breakpoint
ALTER TABLE break_glass_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY break_glass_view ON break_glass_grants FOR SELECT TO clearance_app USING (
  user_id = (SELECT app_user_id()) OR (SELECT app_is_admin()) OR app_owner_client_of(project_id)
);
--> statement-breakpoint
CREATE POLICY break_glass_open ON break_glass_grants FOR INSERT TO clearance_app WITH CHECK (
  user_id = (SELECT app_user_id()) AND (SELECT app_is_admin()) AND app_single_admin() AND ended_at IS NULL
);
--> statement-breakpoint
CREATE POLICY break_glass_end ON break_glass_grants FOR UPDATE TO clearance_app
  USING (user_id = (SELECT app_user_id()) AND (SELECT app_is_admin())) WITH CHECK (user_id = (SELECT app_user_id()));
--> statement-breakpoint
-- Nobody grants themselves a membership; an admin's own access is another admin's grant, or break-glass.
DROP POLICY IF EXISTS memberships_grant ON memberships;
--> statement-breakpoint
CREATE POLICY memberships_grant ON memberships FOR INSERT TO clearance_app WITH CHECK (
  ((SELECT app_is_admin()) AND user_id <> (SELECT app_user_id()) AND granted_by = (SELECT app_user_id()) AND break_glass_id IS NULL)
  OR (user_id = (SELECT app_user_id()) AND granted_by IS NULL AND break_glass_id IS NOT NULL AND app_break_glass_open(break_glass_id, project_id))
);
--> statement-breakpoint
-- An admin's allowlist grant is never to themselves; an item's author or lead still seeds its own allowlist.
DROP POLICY IF EXISTS allowlist_grant ON allowlist_entries;
--> statement-breakpoint
CREATE POLICY allowlist_grant ON allowlist_entries FOR INSERT TO clearance_app WITH CHECK (
  ((SELECT app_is_admin()) AND user_id <> (SELECT app_user_id()) AND granted_by = (SELECT app_user_id())
    AND break_glass_id IS NULL AND (status = 'pending' OR NOT app_item_requires_approval(item_id)))
  OR (status = 'active' AND break_glass_id IS NULL AND app_may_seed_allowlist(item_id))
  OR (status = 'active' AND user_id = (SELECT app_user_id()) AND granted_by IS NULL AND break_glass_id IS NOT NULL
    AND app_break_glass_open(break_glass_id, app_item_project(item_id)))
);
--> statement-breakpoint
DROP POLICY IF EXISTS projects_view ON projects;
--> statement-breakpoint
CREATE POLICY projects_view ON projects FOR SELECT TO clearance_app USING (
  ((SELECT app_user_role()) IN ('admin', 'staff', 'contractor')
    AND EXISTS (SELECT 1 FROM memberships m WHERE m.project_id = projects.id AND m.user_id = (SELECT app_user_id())
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now()))
    AND EXISTS (SELECT 1 FROM nda_signatures s WHERE s.user_id = (SELECT app_user_id()) AND s.superseded_at IS NULL
      AND (s.client_account_id IS NULL OR s.client_account_id = projects.client_account_id)
      AND (s.expires_at IS NULL OR s.expires_at > now())))
  OR ((SELECT app_user_role()) = 'client' AND EXISTS (SELECT 1 FROM client_account_members cm
    WHERE cm.user_id = (SELECT app_user_id())
      AND (cm.client_account_id = projects.client_account_id OR cm.client_account_id = projects.counterparty_account_id)))
);

-- The database as a second wall (hand-written; see lib/authz/policy.ts for the same rules in TypeScript).
-- The application runs every transaction as `clearance_app` (no superuser, no BYPASSRLS) with the acting user
-- in `app.user_id`; row-level security then lets it see only what the need-to-know policy allows.
DO $$ BEGIN
  CREATE ROLE clearance_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  EXECUTE format('GRANT clearance_app TO %I', current_user);
EXCEPTION WHEN OTHERS THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO clearance_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO clearance_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO clearance_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO clearance_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO clearance_app;
--> statement-breakpoint
-- The audit log is append-only for the application: no UPDATE, DELETE or TRUNCATE privilege, and a trigger.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM clearance_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_user_role() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT role::text FROM users WHERE id = app_user_id() AND disabled_at IS NULL $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_is_admin() RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT coalesce(app_user_role() = 'admin', false) $$;
--> statement-breakpoint
-- For the project roster: an active membership of the project (runs without RLS to avoid policy recursion).
CREATE OR REPLACE FUNCTION app_active_member_of(project uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM memberships m WHERE m.project_id = project AND m.user_id = app_user_id()
    AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())) $$;
--> statement-breakpoint
-- For the client's view of who can see their data: a member of the project's owning client account.
CREATE OR REPLACE FUNCTION app_owner_client_of(project uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM projects p JOIN client_account_members cm ON cm.client_account_id = p.client_account_id
    JOIN users u ON u.id = cm.user_id AND u.disabled_at IS NULL
    WHERE p.id = project AND cm.user_id = app_user_id()) $$;
--> statement-breakpoint
-- Who may put people on a new or newly raised high-risk item's allowlist: its author, or an active lead.
CREATE OR REPLACE FUNCTION app_may_seed_allowlist(item uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM items i WHERE i.id = item AND (i.author_id = app_user_id() OR EXISTS (
    SELECT 1 FROM memberships m WHERE m.project_id = i.project_id AND m.user_id = app_user_id() AND m.role = 'lead'
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())))) $$;
--> statement-breakpoint
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE allowlist_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- project.view: an agency user with an active membership resting on an NDA covering the client; a member of
-- the owning client or of the counterparty brand.
CREATE POLICY projects_view ON projects FOR SELECT TO clearance_app USING (
  ((SELECT app_user_role()) IN ('admin', 'staff', 'contractor')
    AND EXISTS (SELECT 1 FROM memberships m WHERE m.project_id = projects.id AND m.user_id = (SELECT app_user_id())
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now()))
    AND EXISTS (SELECT 1 FROM nda_signatures s WHERE s.user_id = (SELECT app_user_id())
      AND (s.client_account_id IS NULL OR s.client_account_id = projects.client_account_id)
      AND (s.expires_at IS NULL OR s.expires_at > now())))
  OR ((SELECT app_user_role()) = 'client' AND EXISTS (SELECT 1 FROM client_account_members cm
    WHERE cm.user_id = (SELECT app_user_id())
      AND (cm.client_account_id = projects.client_account_id OR cm.client_account_id = projects.counterparty_account_id)))
);
--> statement-breakpoint
CREATE POLICY projects_create ON projects FOR INSERT TO clearance_app WITH CHECK ((SELECT app_is_admin()));
--> statement-breakpoint
-- item.read (SPEC §4): agency with standing, the category in scope, and the allowlist for high-risk items;
-- the owning client for everything but internal communications; the counterparty for shared, non-high-risk items.
CREATE POLICY items_read ON items FOR SELECT TO clearance_app USING (
  EXISTS (SELECT 1 FROM projects p WHERE p.id = items.project_id AND (
    ((SELECT app_user_role()) IN ('admin', 'staff', 'contractor')
      AND EXISTS (SELECT 1 FROM memberships m WHERE m.project_id = p.id AND m.user_id = (SELECT app_user_id())
        AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())
        AND (m.role = 'lead' OR items.category::text = ANY (m.scopes)))
      AND (items.classification <> 'high_risk' OR EXISTS (SELECT 1 FROM allowlist_entries a
        WHERE a.item_id = items.id AND a.user_id = (SELECT app_user_id())
          AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now()))))
    OR ((SELECT app_user_role()) = 'client' AND (
      (items.category <> 'communications' AND EXISTS (SELECT 1 FROM client_account_members cm
        WHERE cm.user_id = (SELECT app_user_id()) AND cm.client_account_id = p.client_account_id))
      OR (items.shared_with_counterparty AND items.classification <> 'high_risk' AND EXISTS (SELECT 1 FROM client_account_members cm
        WHERE cm.user_id = (SELECT app_user_id()) AND cm.client_account_id = p.counterparty_account_id))))
  ))
);
--> statement-breakpoint
-- item.create: agency with the category in scope; the owning client for its hand-overs, which start high-risk.
CREATE POLICY items_create ON items FOR INSERT TO clearance_app WITH CHECK (
  author_id = (SELECT app_user_id()) AND EXISTS (SELECT 1 FROM projects p WHERE p.id = items.project_id AND (
    ((SELECT app_user_role()) IN ('admin', 'staff', 'contractor')
      AND EXISTS (SELECT 1 FROM memberships m WHERE m.project_id = p.id AND m.user_id = (SELECT app_user_id())
        AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())
        AND (m.role = 'lead' OR items.category::text = ANY (m.scopes))))
    OR ((SELECT app_user_role()) = 'client' AND items.category IN ('logistics', 'creative', 'credentials')
      AND items.classification = 'high_risk' AND EXISTS (SELECT 1 FROM client_account_members cm
        WHERE cm.user_id = (SELECT app_user_id()) AND cm.client_account_id = p.client_account_id))
  ))
);
--> statement-breakpoint
-- Updates reach only rows the read policy shows (PostgreSQL applies SELECT policies to UPDATE ... WHERE).
CREATE POLICY items_update ON items FOR UPDATE TO clearance_app USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY memberships_view ON memberships FOR SELECT TO clearance_app USING (
  user_id = (SELECT app_user_id()) OR (SELECT app_is_admin()) OR app_active_member_of(project_id) OR app_owner_client_of(project_id)
);
--> statement-breakpoint
CREATE POLICY memberships_grant ON memberships FOR INSERT TO clearance_app WITH CHECK ((SELECT app_is_admin()));
--> statement-breakpoint
CREATE POLICY memberships_revoke ON memberships FOR UPDATE TO clearance_app USING ((SELECT app_is_admin())) WITH CHECK ((SELECT app_is_admin()));
--> statement-breakpoint
CREATE POLICY allowlist_view ON allowlist_entries FOR SELECT TO clearance_app USING (
  user_id = (SELECT app_user_id()) OR (SELECT app_is_admin())
);
--> statement-breakpoint
CREATE POLICY allowlist_grant ON allowlist_entries FOR INSERT TO clearance_app WITH CHECK (
  (SELECT app_is_admin()) OR app_may_seed_allowlist(item_id)
);
--> statement-breakpoint
CREATE POLICY allowlist_revoke ON allowlist_entries FOR UPDATE TO clearance_app USING ((SELECT app_is_admin())) WITH CHECK ((SELECT app_is_admin()));
--> statement-breakpoint
CREATE POLICY audit_view ON audit_events FOR SELECT TO clearance_app USING (
  (SELECT app_is_admin()) OR actor_id = (SELECT app_user_id())
);
--> statement-breakpoint
CREATE POLICY audit_append ON audit_events FOR INSERT TO clearance_app WITH CHECK (true);
--> statement-breakpoint
-- Metadata without content, for deciding and administering; only to a signed-in acting user.
CREATE VIEW project_directory WITH (security_barrier) AS
  SELECT id, codename, client_account_id, counterparty_account_id, status, starts_on, ends_on
  FROM projects WHERE app_user_id() IS NOT NULL;
--> statement-breakpoint
CREATE VIEW item_directory WITH (security_barrier) AS
  SELECT id, ref, project_id, category, classification, shared_with_counterparty, author_id
  FROM items WHERE app_user_id() IS NOT NULL;
--> statement-breakpoint
GRANT SELECT ON project_directory, item_directory TO clearance_app;
--> statement-breakpoint
-- The audit chain. Each event's hash covers its content and the previous event's hash, in `seq` order.
CREATE OR REPLACE FUNCTION audit_event_hash(e audit_events) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(json_build_array(
    e.seq, e.prev_hash, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor_id, e.action,
    e.target_type, e.target_id, e.project_id, e.outcome, e.reason, e.ip, e.user_agent, e.details
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_link() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  last_seq bigint;
  last_hash text;
BEGIN
  -- One link at a time. The lock lasts until the end of the inserting transaction, so the data-access layer
  -- writes audit events as the last statements of every transaction: the lock then covers one insert and commit.
  PERFORM pg_advisory_xact_lock(7215921);
  SELECT seq, hash INTO last_seq, last_hash FROM audit_events ORDER BY seq DESC LIMIT 1;
  NEW.seq := coalesce(last_seq, 0) + 1;
  NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
  NEW.hash := audit_event_hash(NEW);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_link BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_link();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

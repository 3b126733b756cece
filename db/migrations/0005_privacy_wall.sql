-- Privacy operations behind the same wall as the rest (hand-written; see db/schema/privacy.ts, consent.ts, retention.ts).
-- Consent records and published policy versions are append-only for the application; holds, rules and the
-- suppression list are the administrator's alone. Privacy requests, their codes and export links have no
-- row-level security: the public form reaches its own request by id, so lib/dal/privacy guards them.
REVOKE UPDATE, DELETE, TRUNCATE ON consent_records FROM clearance_app;
--> statement-breakpoint
ALTER TABLE consent_records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Anonymous browser records carry only a random id: readable by id; a person's records by that person or an admin.
CREATE POLICY consent_view ON consent_records FOR SELECT TO clearance_app USING (
  user_id IS NULL OR user_id = (SELECT app_user_id()) OR (SELECT app_is_admin())
);
--> statement-breakpoint
CREATE POLICY consent_append ON consent_records FOR INSERT TO clearance_app WITH CHECK (
  user_id IS NULL OR user_id = (SELECT app_user_id()) OR (SELECT app_is_admin())
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_records is append-only: record a new decision instead';
END $$;
--> statement-breakpoint
CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records FOR EACH ROW EXECUTE FUNCTION consent_records_append_only();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON policy_versions FROM clearance_app;
--> statement-breakpoint
ALTER TABLE policy_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY policy_versions_read ON policy_versions FOR SELECT TO clearance_app USING (true);
--> statement-breakpoint
CREATE POLICY policy_versions_publish ON policy_versions FOR INSERT TO clearance_app WITH CHECK (
  (SELECT app_is_admin()) AND published_by = (SELECT app_user_id())
);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON policy_acknowledgements FROM clearance_app;
--> statement-breakpoint
ALTER TABLE policy_acknowledgements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY policy_acknowledgements_view ON policy_acknowledgements FOR SELECT TO clearance_app USING (
  user_id = (SELECT app_user_id()) OR (SELECT app_is_admin())
);
--> statement-breakpoint
CREATE POLICY policy_acknowledgements_record ON policy_acknowledgements FOR INSERT TO clearance_app WITH CHECK (
  user_id = (SELECT app_user_id())
);
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON retention_rules FROM clearance_app;
--> statement-breakpoint
ALTER TABLE retention_rules ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY retention_rules_admin ON retention_rules FOR ALL TO clearance_app
  USING ((SELECT app_is_admin())) WITH CHECK ((SELECT app_is_admin()));
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON legal_holds FROM clearance_app;
--> statement-breakpoint
ALTER TABLE legal_holds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY legal_holds_admin ON legal_holds FOR ALL TO clearance_app
  USING ((SELECT app_is_admin())) WITH CHECK ((SELECT app_is_admin()));
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON suppression_entries FROM clearance_app;
--> statement-breakpoint
ALTER TABLE suppression_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY suppression_entries_admin ON suppression_entries FOR ALL TO clearance_app
  USING ((SELECT app_is_admin())) WITH CHECK ((SELECT app_is_admin()));

-- Custom SQL migration file, put your code below! --
-- A client's hand-over (an item authored by a member of the project's owning client) is lowered from
-- high-risk or shared with the counterparty only with that client's approval (SPEC §14, issue 12 finding 3).
-- The same rule as lib/authz/handover.ts; the agreement test checks the three agree.
CREATE OR REPLACE FUNCTION app_item_is_handover(author uuid, project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM projects p JOIN client_account_members cm ON cm.client_account_id = p.client_account_id
    WHERE p.id = project AND cm.user_id = author); END $$;
--> statement-breakpoint
-- Security definer: the check reads the approvals whoever updates the item (row-level security would hide them).
CREATE OR REPLACE FUNCTION items_handover_guard() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF ((OLD.classification = 'high_risk' AND NEW.classification <> 'high_risk')
      OR (NEW.shared_with_counterparty AND NOT OLD.shared_with_counterparty))
    AND app_item_is_handover(OLD.author_id, OLD.project_id)
    AND NOT EXISTS (SELECT 1 FROM handover_change_requests r WHERE r.item_id = OLD.id AND r.status = 'approved'
      AND r.applied_at IS NULL AND r.classification = NEW.classification AND r.shared_with_counterparty = NEW.shared_with_counterparty)
  THEN
    RAISE EXCEPTION 'a client''s hand-over is lowered or shared only with that client''s approval';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER items_handover_guard BEFORE UPDATE ON items FOR EACH ROW EXECUTE FUNCTION items_handover_guard();
--> statement-breakpoint
-- A request keeps what was asked; it leaves `pending` once; an approval is applied once.
CREATE OR REPLACE FUNCTION handover_change_requests_guard() RETURNS trigger LANGUAGE plpgsql AS $$
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
END $$;
--> statement-breakpoint
CREATE TRIGGER handover_change_requests_guard BEFORE UPDATE ON handover_change_requests FOR EACH ROW EXECUTE FUNCTION handover_change_requests_guard();
--> statement-breakpoint
ALTER TABLE handover_change_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY handover_change_requests_view ON handover_change_requests FOR SELECT TO clearance_app USING (
  requested_by = (SELECT app_user_id()) OR (SELECT app_is_admin()) OR app_owner_client_of(project_id) OR app_active_member_of(project_id)
);
--> statement-breakpoint
CREATE POLICY handover_change_requests_ask ON handover_change_requests FOR INSERT TO clearance_app WITH CHECK (
  requested_by = (SELECT app_user_id()) AND status = 'pending' AND decided_by IS NULL AND applied_at IS NULL
  AND (SELECT app_user_role()) IN ('admin', 'staff', 'contractor') AND app_active_member_of(project_id)
);
--> statement-breakpoint
-- Only the owning client decides, in their own name; the approving transaction then marks it applied.
CREATE POLICY handover_change_requests_decide ON handover_change_requests FOR UPDATE TO clearance_app
  USING ((status = 'pending' OR (status = 'approved' AND applied_at IS NULL)) AND app_owner_client_of(project_id))
  WITH CHECK (status IN ('approved', 'refused') AND decided_by = (SELECT app_user_id()) AND app_owner_client_of(project_id));
--> statement-breakpoint
-- Agency settings: read by every signed-in transaction (grants check the contractor maximum), changed by admins.
ALTER TABLE agency_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agency_settings_view ON agency_settings FOR SELECT TO clearance_app USING (true);
--> statement-breakpoint
CREATE POLICY agency_settings_insert ON agency_settings FOR INSERT TO clearance_app WITH CHECK ((SELECT app_is_admin()) AND updated_by = (SELECT app_user_id()));
--> statement-breakpoint
CREATE POLICY agency_settings_update ON agency_settings FOR UPDATE TO clearance_app USING ((SELECT app_is_admin())) WITH CHECK ((SELECT app_is_admin()) AND updated_by = (SELECT app_user_id()));

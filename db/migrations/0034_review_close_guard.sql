-- Access reviews (issue 15): closing a review can never skip the expiry of what nobody confirmed. The lead closes
-- it only when every grant in force on the project has a decision in it; an admin ends it (the application first
-- records 'expired' for what is left). Nothing but closed_at and closed_by changes, once.
CREATE OR REPLACE FUNCTION public.app_review_undecided(review uuid) RETURNS integer LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
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
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_review_undecided(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_review_undecided(uuid) TO clearance_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.access_reviews_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_user <> 'clearance_app' THEN RETURN NEW; END IF;
  IF OLD.closed_at IS NOT NULL OR NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.period_start IS DISTINCT FROM OLD.period_start
    OR NEW.opened_at IS DISTINCT FROM OLD.opened_at OR NEW.opened_by IS DISTINCT FROM OLD.opened_by OR NEW.due_at IS DISTINCT FROM OLD.due_at THEN
    RAISE EXCEPTION 'a review only closes, once' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER access_reviews_guard BEFORE UPDATE ON access_reviews FOR EACH ROW EXECUTE FUNCTION public.access_reviews_guard();
--> statement-breakpoint
ALTER POLICY "access_reviews_close" ON "access_reviews" TO clearance_app USING (closed_at is null and ((select app_is_admin()) or app_active_lead_of(project_id))) WITH CHECK ((select app_is_admin()) or (app_active_lead_of(project_id) and app_review_undecided(id) = 0));
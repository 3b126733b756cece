-- Access reviews (issue 15): a lead reviews every high-risk grant in force on their project, but allowlist entries
-- are readable only by their holder, the owning client and admins. This answers the reviewer — an admin or the
-- project's active lead — with the live entries on the project's items (ids, holder, item, end), nothing else.
CREATE OR REPLACE FUNCTION public.app_review_allowlist(project uuid)
  RETURNS TABLE (id uuid, user_id uuid, item_id uuid, expires_at timestamptz, granted_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
BEGIN
  IF NOT (public.app_active_lead_of(project)
      OR EXISTS (SELECT 1 FROM public.users u WHERE u.id = public.app_user_id() AND u.role = 'admin' AND u.disabled_at IS NULL)) THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT a.id, a.user_id, a.item_id, a.expires_at, a.granted_at
    FROM public.allowlist_entries a JOIN public.items i ON i.id = a.item_id
    WHERE i.project_id = project AND a.status = 'active' AND a.revoked_at IS NULL AND (a.expires_at IS NULL OR a.expires_at > now());
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_review_allowlist(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_review_allowlist(uuid) TO clearance_app;

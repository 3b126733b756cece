-- Issue 16: a revocation can be undone within the minute by the administrator who made it, which restores the
-- membership exactly as it was (revoked_at and revoked_by back to null). Anything else stays as before: a
-- membership keeps what was granted, and a revoked membership stays revoked.
CREATE OR REPLACE FUNCTION public.memberships_transition_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF current_user <> 'clearance_app' THEN RETURN NEW; END IF;
  IF NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.project_id IS DISTINCT FROM OLD.project_id OR NEW.role IS DISTINCT FROM OLD.role
    OR NEW.scopes IS DISTINCT FROM OLD.scopes OR NEW.granted_by IS DISTINCT FROM OLD.granted_by
    OR NEW.break_glass_id IS DISTINCT FROM OLD.break_glass_id OR NEW.expires_at IS DISTINCT FROM OLD.expires_at THEN
    RAISE EXCEPTION 'a membership keeps what was granted: revoke it and grant anew' USING ERRCODE = '42501';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at OR NEW.revoked_by IS DISTINCT FROM OLD.revoked_by) THEN
    -- The one way back: the undo, by the revoker, within a minute of the revocation.
    IF NEW.revoked_at IS NULL AND NEW.revoked_by IS NULL AND OLD.revoked_by IS NOT NULL
      AND OLD.revoked_by = public.app_user_id() AND OLD.revoked_at > pg_catalog.now() - interval '60 seconds' THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a revoked membership stays revoked' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;

-- app_erase_password (migration 0045): erasure removes the person's password hash (lib/dal/privacy/erase.ts). As an
-- administrator, who cannot read user_passwords under row-level security (so cannot delete from it either): only the
-- given account's row, only for an active administrator. Answers how many rows went (0 or 1).
CREATE OR REPLACE FUNCTION public.app_erase_password(person uuid) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  removed integer;
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'erasure needs an administrator' USING ERRCODE = '42501';
  END IF;
  DELETE FROM public.user_passwords p WHERE p.user_id = person;
  GET DIAGNOSTICS removed = ROW_COUNT;
  RETURN removed;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_erase_password(person uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_erase_password(person uuid) TO clearance_app;

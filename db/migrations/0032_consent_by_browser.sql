-- Issue 11: with no acting user, anonymous cookie choices were readable by anyone (consent_view allowed every row with
-- no user_id). Now a browser reaches only its own: the transaction binds its consent cookie's id as app.browser
-- (lib/dal/auth/bind-credential.ts, lib/dal/privacy/consent.ts); a person their own records; an administrator all.
CREATE OR REPLACE FUNCTION public.app_browser() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT nullif(pg_catalog.current_setting('app.browser', true), '') $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_browser() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_browser() TO clearance_app;
--> statement-breakpoint
ALTER POLICY consent_view ON consent_records USING (
  (user_id IS NULL AND browser_id = (SELECT public.app_browser())) OR user_id = (SELECT public.app_user_id()) OR (SELECT public.app_is_admin())
);
--> statement-breakpoint
ALTER POLICY consent_append ON consent_records WITH CHECK (
  (user_id IS NULL AND browser_id = (SELECT public.app_browser())) OR user_id = (SELECT public.app_user_id()) OR (SELECT public.app_is_admin())
);

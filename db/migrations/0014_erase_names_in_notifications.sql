-- An erasure also takes the person's name out of other people's notifications ("Cora Editor was granted…").
-- Row-level security lets only the recipient see or update a notification, so an administrator's erasure
-- does it through this function: it refuses anyone but an active administrator and only replaces the name.
CREATE OR REPLACE FUNCTION privacy_scrub_name_in_notifications(person_name text, replacement text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  changed integer;
BEGIN
  IF NOT app_is_admin() THEN
    RAISE EXCEPTION 'erasing needs an administrator' USING ERRCODE = '42501';
  END IF;
  IF person_name IS NULL OR length(person_name) < 3 THEN
    RETURN 0;
  END IF;
  UPDATE notifications SET title = replace(title, person_name, replacement), body = replace(body, person_name, replacement)
    WHERE strpos(title, person_name) > 0 OR strpos(body, person_name) > 0;
  GET DIAGNOSTICS changed = ROW_COUNT;
  RETURN changed;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_scrub_name_in_notifications(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION privacy_scrub_name_in_notifications(text, text) TO clearance_app;

-- The access/portability export, complete and with the person's own files (issues 13, 14; hand-written).
--
-- 1. privacy_export_files: the versions a person uploaded, now with each version's id, so the download can
--    match what was listed when the request was completed. Administrators only, as before.
DROP FUNCTION IF EXISTS public.privacy_export_files(uuid);
--> statement-breakpoint
CREATE FUNCTION public.privacy_export_files(person uuid)
RETURNS TABLE (r_file_id uuid, r_name_sealed jsonb, r_version integer, r_item_category text, r_item_ref bigint,
  r_size bigint, r_content_type text, r_sha256 text, r_state text, r_uploaded_at timestamptz, r_version_id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT coalesce(public.app_is_admin(), false) THEN
    RAISE EXCEPTION 'exports need an administrator' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
  SELECT f.id, f.name_sealed, v.version, i.category::text, i.ref, v.size, v.content_type, v.sha256, v.state, v.created_at, v.id
  FROM public.file_versions v JOIN public.files f ON f.id = v.file_id JOIN public.items i ON i.id = f.item_id
  WHERE v.uploaded_by = person
  ORDER BY v.created_at, v.id;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.privacy_export_files(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.privacy_export_files(uuid) TO clearance_app;
--> statement-breakpoint
-- 2. privacy_export_person: what an administrator cannot read under row-level security but the person's export
--    must hold — their profile (every field, sealed ones still sealed: the application opens them), the
--    shortlists naming them, withdrawn or not (the brand by its real name only where the person already deals with
--    it, else by codename; the campaign only then), and their guest records found by email with attendance and the consents
--    to the use of their needs. Only to an administrator, and only for the subject of a verified access or
--    portability request; null otherwise.
CREATE OR REPLACE FUNCTION public.privacy_export_person(request uuid) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  r public.privacy_requests%ROWTYPE;
  person uuid;
  wanted text;
BEGIN
  IF NOT coalesce(public.app_is_admin(), false) THEN RETURN NULL; END IF;
  SELECT * INTO r FROM public.privacy_requests q
    WHERE q.id = request AND q.verified_at IS NOT NULL AND q.kind IN ('access', 'portability');
  IF NOT FOUND THEN RETURN NULL; END IF;
  person := r.subject_user_id;
  wanted := pg_catalog.lower(r.subject_email);
  RETURN pg_catalog.jsonb_build_object(
    'profile', (SELECT pg_catalog.jsonb_build_object('id', p.id, 'slug', p.slug, 'created_at', p.created_at, 'updated_at', p.updated_at)
      FROM public.profiles p WHERE person IS NOT NULL AND p.user_id = person),
    'fields', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('profile_id', f.profile_id, 'field', f.field,
        'value', f.value, 'sealed', f.sealed, 'visibility', f.visibility, 'updated_at', f.updated_at) ORDER BY f.field)
      FROM public.profile_fields f WHERE person IS NOT NULL AND f.user_id = person), '[]'::jsonb),
    'shortlists', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
        'brand', CASE WHEN d.deals THEN d.name ELSE d.codename END, 'known', d.deals,
        'campaign', CASE WHEN d.deals THEN d.campaign END, 'proposed_at', d.proposed_at, 'added_at', d.added_at,
        'withdrawn_at', d.withdrawn_at) ORDER BY d.added_at)
      FROM (SELECT b.name, b.codename, s.campaign, s.proposed_at, e.created_at AS added_at,
          coalesce(e.withdrawn_at, s.withdrawn_at) AS withdrawn_at,
          EXISTS (SELECT 1 FROM public.projects pr JOIN public.client_account_members cm ON cm.user_id = person
              AND (cm.client_account_id = pr.client_account_id OR cm.client_account_id = pr.counterparty_account_id)
            WHERE (pr.counterparty_account_id = b.id OR pr.client_account_id = b.id) AND cm.client_account_id <> b.id) AS deals
        FROM public.shortlist_entries e JOIN public.shortlists s ON s.id = e.shortlist_id
          JOIN public.client_accounts b ON b.id = s.brand_account_id
        WHERE person IS NOT NULL AND e.user_id = person AND s.proposed_at IS NOT NULL) d), '[]'::jsonb),
    'guests', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', g.id, 'event', ev.name, 'project', pr.codename,
        'starts_at', ev.starts_at, 'name', g.name, 'email', g.email, 'plus_ones', g.plus_ones, 'status', g.status,
        'invited_at', g.invited_at, 'responded_at', g.responded_at, 'needs', n.sealed, 'needs_given_at', n.given_at,
        'checked_in_at', (SELECT c.checked_in_at FROM public.guest_check_ins c WHERE c.guest_id = g.id),
        'consents', coalesce((SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('decision', k.decision,
            'notice_version', k.notice_version, 'at', k.created_at) ORDER BY k.created_at)
          FROM public.guest_need_consents k WHERE k.guest_id = g.id), '[]'::jsonb)) ORDER BY ev.starts_at, g.id)
      FROM public.guests g JOIN public.events ev ON ev.id = g.event_id JOIN public.projects pr ON pr.id = ev.project_id
        LEFT JOIN public.guest_needs n ON n.guest_id = g.id
      WHERE pg_catalog.lower(g.email) = wanted), '[]'::jsonb));
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.privacy_export_person(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.privacy_export_person(uuid) TO clearance_app;
--> statement-breakpoint
-- 3. The download, by the holder of the emailed link (no one is signed in; row-level security hides files from
--    "nobody"). privacy_export_link_versions: the ready versions the person uploaded, for the export whose token
--    hash the transaction holds (app.credential), once that link has been claimed (used) and for a day after — the
--    time a large download may take. Nothing for any other credential, or none.
CREATE OR REPLACE FUNCTION public.privacy_export_link_versions()
RETURNS TABLE (r_version_id uuid, r_file_id uuid, r_version integer, r_name_sealed jsonb, r_size bigint,
  r_content_type text, r_sha256 text, r_data_key jsonb, r_chunk_size integer, r_blob_store text, r_blob_key text,
  r_uploaded_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  held text := public.app_credential();
  person uuid;
BEGIN
  IF held IS NULL THEN RETURN; END IF;
  SELECT q.subject_user_id INTO person FROM public.privacy_exports e JOIN public.privacy_requests q ON q.id = e.request_id
    WHERE e.token_hash = held AND e.used_at IS NOT NULL AND e.used_at > pg_catalog.now() - interval '1 day'
      AND q.kind IN ('access', 'portability') AND q.verified_at IS NOT NULL;
  IF person IS NULL THEN RETURN; END IF;
  RETURN QUERY
  SELECT v.id, v.file_id, v.version, f.name_sealed, v.size, v.content_type, v.sha256, v.data_key, v.chunk_size,
    v.blob_store, v.blob_key, v.created_at
  FROM public.file_versions v JOIN public.files f ON f.id = v.file_id
  WHERE v.uploaded_by = person AND v.state = 'ready'
  ORDER BY v.created_at, v.id;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.privacy_export_link_versions() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.privacy_export_link_versions() TO clearance_app;
--> statement-breakpoint
-- privacy_export_link_chunks: sealed chunks [first, first + count) of one of those versions (database store), as
-- base64 text (see lib/files/blob-store/chunk-sql.ts). Nothing for a blob that is not one of them.
CREATE OR REPLACE FUNCTION public.privacy_export_link_chunks(blob text, first integer, count integer)
RETURNS TABLE (r_idx integer, r_data text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF count < 1 OR count > 16 OR NOT EXISTS (SELECT 1 FROM public.privacy_export_link_versions() l WHERE l.r_blob_key = blob) THEN
    RETURN;
  END IF;
  RETURN QUERY
  SELECT c.idx, pg_catalog.encode(c.data, 'base64') FROM public.file_chunks c
  WHERE c.blob_key = blob AND c.idx >= first AND c.idx < first + count
  ORDER BY c.idx;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.privacy_export_link_chunks(text, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.privacy_export_link_chunks(text, integer, integer) TO clearance_app;

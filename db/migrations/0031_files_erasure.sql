-- Erasure includes files (issue 13; hand-written). The versions a person uploaded are deleted with their
-- encrypted content (chunks in the database go by cascade; blobs in an external store are removed by the
-- application or the orphan sweep), unless a legal hold on the person or the item's project keeps them; a file
-- left with no version goes too. Erasure runs as an administrator, who cannot see files under row-level security,
-- hence a definer function that answers only to an administrator. Returns every version found, held or not.
CREATE OR REPLACE FUNCTION public.privacy_erase_files(person uuid)
RETURNS TABLE (r_blob_store text, r_blob_key text, r_store_state jsonb, r_held boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  rec record;
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'erasure needs an administrator' USING ERRCODE = '42501';
  END IF;
  FOR rec IN
    SELECT v.id, v.file_id, v.blob_store, v.blob_key, v.store_state,
      (public.retention_user_held(person) OR public.retention_project_held(i.project_id)) AS held
    FROM public.file_versions v JOIN public.files f ON f.id = v.file_id JOIN public.items i ON i.id = f.item_id
    WHERE v.uploaded_by = person
  LOOP
    IF NOT rec.held THEN
      DELETE FROM public.file_versions WHERE id = rec.id;
      DELETE FROM public.files f WHERE f.id = rec.file_id AND NOT EXISTS (SELECT 1 FROM public.file_versions w WHERE w.file_id = f.id);
    END IF;
    r_blob_store := rec.blob_store;
    r_blob_key := rec.blob_key;
    r_store_state := rec.store_state;
    r_held := rec.held;
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.privacy_erase_files(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.privacy_erase_files(uuid) TO clearance_app;
--> statement-breakpoint
-- The access/portability export lists the file versions a person uploaded (their own data): which item (by
-- reference), the sealed name, size, type, SHA-256 and when. The export runs as an administrator, hence a
-- definer function answering only to an administrator.
CREATE OR REPLACE FUNCTION public.privacy_export_files(person uuid)
RETURNS TABLE (r_file_id uuid, r_name_sealed jsonb, r_version integer, r_item_category text, r_item_ref bigint,
  r_size bigint, r_content_type text, r_sha256 text, r_state text, r_uploaded_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT public.app_is_admin() THEN
    RAISE EXCEPTION 'exports need an administrator' USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
  SELECT f.id, f.name_sealed, v.version, i.category::text, i.ref, v.size, v.content_type, v.sha256, v.state, v.created_at
  FROM public.file_versions v JOIN public.files f ON f.id = v.file_id JOIN public.items i ON i.id = f.item_id
  WHERE v.uploaded_by = person
  ORDER BY v.created_at;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.privacy_export_files(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.privacy_export_files(uuid) TO clearance_app;

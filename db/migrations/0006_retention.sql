-- Retention that deletes (hand-written; lib/dal/privacy/retention-run.ts calls these).
--
-- Project content sits behind row-level security, and the application role has no DELETE policy on items:
-- nobody deletes project content in the normal course of work. A retention run needs to, so these SECURITY
-- DEFINER functions do exactly that and nothing more: each decides eligibility itself from the rule, the cutoff
-- date and the legal holds (the caller cannot hand it a list of rows), deletes only eligible rows that no hold
-- covers, and refuses unless the acting user is an active administrator. This keeps every run inside the
-- audited, role-switched transaction of the data-access layer, instead of running a command with the
-- migration owner's full rights.

-- A hold on a project, or on its owning or counterparty client account, stops every rule for the project.
CREATE OR REPLACE FUNCTION retention_project_held(project uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM legal_holds h JOIN projects p ON p.id = project WHERE h.released_at IS NULL
    AND (h.project_id = p.id OR h.client_account_id = p.client_account_id OR h.client_account_id = p.counterparty_account_id)) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION retention_account_held(account uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.client_account_id = account) $$;
--> statement-breakpoint
-- A person is held when a hold covers a client account they belong to, a project they were ever a member of,
-- or a project of one of their client accounts.
CREATE OR REPLACE FUNCTION retention_user_held(person uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM client_account_members cm WHERE cm.user_id = person AND retention_account_held(cm.client_account_id))
    OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = person AND retention_project_held(m.project_id))
    OR EXISTS (SELECT 1 FROM projects p JOIN client_account_members cm
      ON cm.client_account_id = p.client_account_id OR cm.client_account_id = p.counterparty_account_id
      WHERE cm.user_id = person AND retention_project_held(p.id)) $$;
--> statement-breakpoint
-- Items of closed projects that ended before the cutoff: `contract_records` takes the deal terms (the contract),
-- `project_content` everything else. One row per project: its codename, the item references, whether it is held.
-- With apply, the eligible items of unheld projects are deleted, with their allowlist entries and the access
-- requests that named them (the audit log keeps the story of both).
CREATE OR REPLACE FUNCTION retention_project_items(rule text, cutoff date, apply boolean)
RETURNS TABLE (r_project_id uuid, r_codename text, r_item_refs bigint[], r_held boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  rec record;
BEGIN
  IF NOT app_is_admin() THEN
    RAISE EXCEPTION 'retention runs need an administrator' USING ERRCODE = '42501';
  END IF;
  IF rule NOT IN ('project_content', 'contract_records') THEN
    RAISE EXCEPTION 'unknown project retention rule %', rule USING ERRCODE = '22023';
  END IF;
  FOR rec IN
    SELECT p.id, p.codename, array_agg(i.ref ORDER BY i.ref) AS refs, array_agg(i.id) AS ids, retention_project_held(p.id) AS held
    FROM items i JOIN projects p ON p.id = i.project_id
    WHERE p.status = 'closed' AND p.ends_on IS NOT NULL AND p.ends_on < cutoff
      AND ((rule = 'contract_records') = (i.category = 'deal_terms'))
    GROUP BY p.id, p.codename
    ORDER BY p.codename
  LOOP
    IF apply AND NOT rec.held THEN
      DELETE FROM allowlist_entries a WHERE a.item_id = ANY (rec.ids);
      DELETE FROM access_requests r WHERE r.item_id = ANY (rec.ids);
      DELETE FROM items i WHERE i.id = ANY (rec.ids);
    END IF;
    r_project_id := rec.id;
    r_codename := rec.codename;
    r_item_refs := rec.refs;
    r_held := rec.held;
    RETURN NEXT;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION retention_project_items(text, date, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION retention_project_items(text, date, boolean) TO clearance_app;

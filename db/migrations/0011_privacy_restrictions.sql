-- Restriction and objection (issue 6): a person who restricted or objected to processing is left out of anything
-- shown to third parties. The public portfolio reads projects without an acting user, where row-level security
-- hides them, so this SECURITY DEFINER function answers the one question it needs: does a member of the project's
-- owning client account carry an active restriction or objection? It reveals nothing else.
CREATE OR REPLACE FUNCTION privacy_restricted_project(project uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT EXISTS (SELECT 1 FROM projects p
    JOIN client_account_members cm ON cm.client_account_id = p.client_account_id
    JOIN privacy_flags f ON f.user_id = cm.user_id AND f.flag IN ('restricted', 'objected') AND f.lifted_at IS NULL
    WHERE p.id = project) $$;

-- The public portfolio leaves out a project when either party demands zero public association (a portfolio
-- entry names the brand as well as the talent), and when the person who signed the public use has since
-- restricted or objected to processing, or had their data erased (the entry may carry their name; the links
-- that privacy_restricted_project follows are gone after an erasure). Same columns as before.
CREATE OR REPLACE VIEW public_portfolio WITH (security_barrier) AS
  SELECT id, project_id, title, summary, signed_at FROM (
    SELECT DISTINCT ON (a.project_id) a.id, a.project_id, a.public_title AS title, a.public_summary AS summary, a.signed_at
    FROM authorizations a JOIN client_accounts c ON c.id = a.client_account_id
    WHERE a.kind = 'portfolio_use' AND a.outcome = 'signed' AND a.project_id IS NOT NULL
      AND a.public_title IS NOT NULL AND a.public_summary IS NOT NULL
      AND (a.expires_at IS NULL OR a.expires_at > now())
      AND NOT c.zero_public_association
      AND NOT EXISTS (SELECT 1 FROM authorizations r WHERE r.revokes_id = a.id)
    ORDER BY a.project_id, a.signed_at DESC
  ) latest
  WHERE NOT EXISTS (SELECT 1 FROM projects p JOIN client_accounts cp ON cp.id = p.counterparty_account_id
      WHERE p.id = latest.project_id AND cp.zero_public_association)
    AND NOT EXISTS (SELECT 1 FROM authorizations s JOIN privacy_flags f ON f.user_id = s.signer_user_id
      WHERE s.id = latest.id AND f.flag IN ('restricted', 'objected', 'erased') AND f.lifted_at IS NULL);

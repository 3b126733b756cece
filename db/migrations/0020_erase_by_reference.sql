-- Erasure by reference (issue 12, finding 10). Messages now name people by a token and keep their ids in
-- "people"; the name is filled in when read, so erasing a person changes only their own account row. The
-- substring replacement of migration 0014 rewrote anyone's text wherever the name appeared ("Will" in
-- "... will be reviewed ...") and goes.
DROP FUNCTION IF EXISTS privacy_scrub_name_in_notifications(text, text);
--> statement-breakpoint
-- What the erasure receipt reports: how many of other people's notifications name the person. Row-level
-- security shows a notification only to its recipient, so an administrator's erasure counts through this
-- function; it refuses anyone but an active administrator and only counts.
CREATE OR REPLACE FUNCTION privacy_count_mentions(person uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT app_is_admin() THEN
    RAISE EXCEPTION 'erasing needs an administrator' USING ERRCODE = '42501';
  END IF;
  RETURN (SELECT count(*)::integer FROM notifications WHERE person = ANY (people) AND user_id <> person);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION privacy_count_mentions(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION privacy_count_mentions(uuid) TO clearance_app;
--> statement-breakpoint
-- Earlier notifications hold names as text. The three templates that named a person put the name first in
-- the body (and, for an access request, after "Access request: " in the title); where such a row names
-- exactly one account, that leading name becomes a reference. Nothing else in any text is touched, and rows
-- that match no template or an ambiguous name stay as written.
WITH candidates AS (
  SELECT n.id, n.kind, CASE n.kind
      WHEN 'access_request.created' THEN substring(n.body FROM '^(.+?) asks for ')
      WHEN 'highrisk.pending' THEN substring(n.body FROM '^(.+?) was granted high-risk access to ')
      WHEN 'authorization.requested' THEN substring(n.body FROM '^(.+?) asks for your written authorization')
    END AS name
  FROM notifications n
  WHERE n.kind IN ('access_request.created', 'highrisk.pending', 'authorization.requested') AND cardinality(n.people) = 0
), matched AS (
  SELECT c.id, c.kind, c.name, (array_agg(u.id))[1] AS person
  FROM candidates c JOIN users u ON u.name = c.name
  WHERE c.name IS NOT NULL AND length(c.name) > 0
  GROUP BY c.id, c.kind, c.name
  HAVING count(*) = 1
)
UPDATE notifications n SET
  people = ARRAY[m.person],
  body = '{{person:' || m.person::text || '}}' || substr(n.body, length(m.name) + 1),
  title = CASE WHEN m.kind = 'access_request.created' AND left(n.title, length('Access request: ' || m.name || ' ')) = 'Access request: ' || m.name || ' '
    THEN 'Access request: {{person:' || m.person::text || '}}' || substr(n.title, length('Access request: ' || m.name) + 1)
    ELSE n.title END
FROM matched m
WHERE n.id = m.id;

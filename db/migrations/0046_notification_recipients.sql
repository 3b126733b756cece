-- Migration 0046 (issue 11 point 2): every notification's recipients are derived by the database from what it is
-- about. app_notification_recipients(kind, subject, project) names who hears of each kind of act, from the row the
-- act refers to, and only to the acting user who may cause it; app_send_notification takes that row (`subject`)
-- and refuses any recipient it does not name. The previous app_send_notification (no subject) is dropped: its
-- project-people rule let any member tell any other of the project's people anything. Also in db/functions.sql.
DROP FUNCTION IF EXISTS public.app_send_notification(recipient uuid, kind text, project uuid, title text, body text, people uuid[], href text);
--> statement-breakpoint
-- app_notification_recipients
-- Who a notification goes to, derived here from what it is about and not named by the application (issue 11
-- point 2). `subject` is the row the act refers to; `project` must be that row's project (null for the kinds about
-- no project). Answers only when the acting user is one who may cause that notification (an active administrator
-- for scheduled work, which acts as one); otherwise no rows. app_send_notification refuses anyone not answered here.
--   owning-client kinds (authorization.requested, highrisk.pending, handover.pending, item.classified,
--     breakglass.started, privacy.routed): app_notification_audience(project, 'owning_client'); no subject.
--   access.granted, access.revoked, review.decided (subject: a membership, high-risk or event allowlist entry):
--     its holder, and for access.granted also the project's owning client; caused by an admin or an active member.
--   access.expiring (subject: a membership or high-risk allowlist entry): its holder and the active admins; admin.
--   highrisk.approved, highrisk.refused (subject: a high-risk or event allowlist entry): its holder and whoever
--     granted it; caused by the owning client (or an admin).
--   access_request.created (subject: the access request): the active admins; caused by its requester.
--   access_request.decided (subject: the access request): its requester; caused by an admin.
--   authorization.signed, .refused, .revoked (subject: the authorization request, or the record revoked): the
--     request's author and the project's agency leads; caused by the owning client (or an admin).
--   handover.approved, handover.refused (subject: the hand-over change request): who asked; the owning client.
--   nda.sent (subject: the NDA request): its signer, caused by its sender; nda.signed, nda.refused: its sender,
--     caused by its signer. nda.expiring (subject: the NDA signature): the signer and the active admins; admin.
--   privacy.deadline (subject: the privacy request): the active admins; admin.
--   review.open, review.reminder, review.ended (subject: the access review): the project's leads and the active
--     admins (the reviewers are the leads, else the admins), and for review.ended the holders of the grants that
--     expired in it; caused by an admin or an active member.
--   disclosure.legal, disclosure.gag_lifted (subject: the disclosure): the members of its client account; admin.
--   shortlist.proposed (subject: the shortlist): the creators on it; caused by its author (or an admin).
--   shortlist.withdrawn (subject: the shortlist): to its author, the creators they withdrew; to a creator who
--     withdrew, the author.
CREATE OR REPLACE FUNCTION public.app_notification_recipients(kind text, subject uuid, project uuid)
 RETURNS SETOF uuid
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  me uuid := public.app_user_id();
  admin boolean := public.app_is_admin();
  about uuid;
  holder uuid;
  granter uuid;
BEGIN
  IF public.app_user_role() IS NULL THEN
    RETURN;
  END IF;
  IF kind IN ('authorization.requested', 'highrisk.pending', 'handover.pending', 'item.classified',
      'breakglass.started', 'privacy.routed') THEN
    IF project IS NOT NULL THEN
      RETURN QUERY SELECT a.id FROM public.app_notification_audience(project, 'owning_client') a(id);
    END IF;
  ELSIF kind IN ('access.granted', 'access.revoked', 'access.expiring', 'review.decided', 'highrisk.approved',
      'highrisk.refused') THEN
    SELECT m.project_id, m.user_id, m.granted_by INTO about, holder, granter FROM public.memberships m
      WHERE m.id = subject AND kind NOT IN ('highrisk.approved', 'highrisk.refused');
    IF NOT FOUND THEN
      SELECT i.project_id, a.user_id, a.granted_by INTO about, holder, granter FROM public.allowlist_entries a
        JOIN public.items i ON i.id = a.item_id WHERE a.id = subject;
    END IF;
    IF NOT FOUND AND kind <> 'access.expiring' THEN
      SELECT e.project_id, a.user_id, a.granted_by INTO about, holder, granter FROM public.event_allowlist a
        JOIN public.events e ON e.id = a.event_id WHERE a.id = subject;
    END IF;
    IF NOT FOUND OR about IS DISTINCT FROM project THEN
      RETURN;
    END IF;
    IF kind IN ('highrisk.approved', 'highrisk.refused') THEN
      IF admin OR public.app_owner_client_of(about) THEN
        RETURN QUERY SELECT holder UNION SELECT granter WHERE granter IS NOT NULL;
      END IF;
    ELSIF kind = 'access.expiring' THEN
      IF admin THEN
        RETURN QUERY SELECT holder UNION SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL;
      END IF;
    ELSIF admin OR public.app_active_member_of(about) THEN
      RETURN NEXT holder;
      IF kind = 'access.granted' THEN
        RETURN QUERY SELECT a.id FROM public.app_notification_audience(about, 'owning_client') a(id);
      END IF;
    END IF;
  ELSIF kind IN ('access_request.created', 'access_request.decided') THEN
    SELECT r.project_id, r.requester_id INTO about, holder FROM public.access_requests r WHERE r.id = subject;
    IF NOT FOUND OR about IS DISTINCT FROM project THEN
      RETURN;
    END IF;
    IF kind = 'access_request.created' AND holder = me THEN
      RETURN QUERY SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL;
    ELSIF kind = 'access_request.decided' AND admin THEN
      RETURN NEXT holder;
    END IF;
  ELSIF kind IN ('authorization.signed', 'authorization.refused', 'authorization.revoked') THEN
    SELECT r.project_id, r.requested_by INTO about, holder FROM public.authorization_requests r WHERE r.id = subject;
    IF NOT FOUND THEN
      SELECT a.project_id, r.requested_by INTO about, holder FROM public.authorizations a
        LEFT JOIN public.authorization_requests r ON r.id = a.request_id WHERE a.id = subject;
    END IF;
    IF NOT FOUND OR about IS NULL OR about IS DISTINCT FROM project
        OR NOT (admin OR public.app_owner_client_of(about)) THEN
      RETURN;
    END IF;
    RETURN QUERY SELECT holder WHERE holder IS NOT NULL
      UNION SELECT m.user_id FROM public.memberships m JOIN public.users u ON u.id = m.user_id
        WHERE m.project_id = about AND m.role = 'lead' AND m.revoked_at IS NULL AND u.role <> 'client';
  ELSIF kind IN ('handover.approved', 'handover.refused') THEN
    SELECT h.project_id, h.requested_by INTO about, holder FROM public.handover_change_requests h WHERE h.id = subject;
    IF FOUND AND about IS NOT DISTINCT FROM project AND (admin OR public.app_owner_client_of(about)) THEN
      RETURN NEXT holder;
    END IF;
  ELSIF project IS NOT NULL AND kind IN ('nda.sent', 'nda.signed', 'nda.refused', 'nda.expiring', 'privacy.deadline',
      'disclosure.legal', 'disclosure.gag_lifted', 'shortlist.proposed', 'shortlist.withdrawn') THEN
    RETURN;
  ELSIF kind IN ('nda.sent', 'nda.signed', 'nda.refused') THEN
    SELECT r.user_id, r.sent_by INTO holder, granter FROM public.nda_requests r WHERE r.id = subject;
    IF NOT FOUND THEN
      RETURN;
    END IF;
    IF kind = 'nda.sent' AND granter = me THEN
      RETURN NEXT holder;
    ELSIF kind IN ('nda.signed', 'nda.refused') AND holder = me THEN
      RETURN NEXT granter;
    END IF;
  ELSIF kind = 'nda.expiring' THEN
    IF admin THEN
      RETURN QUERY SELECT s.user_id FROM public.nda_signatures s WHERE s.id = subject
        UNION SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM public.nda_signatures s WHERE s.id = subject);
    END IF;
  ELSIF kind = 'privacy.deadline' THEN
    IF admin AND EXISTS (SELECT 1 FROM public.privacy_requests p WHERE p.id = subject) THEN
      RETURN QUERY SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL;
    END IF;
  ELSIF kind IN ('disclosure.legal', 'disclosure.gag_lifted') THEN
    IF admin THEN
      RETURN QUERY SELECT cm.user_id FROM public.disclosures d
        JOIN public.client_account_members cm ON cm.client_account_id = d.client_account_id WHERE d.id = subject;
    END IF;
  ELSIF kind = 'shortlist.proposed' THEN
    RETURN QUERY SELECT e.user_id FROM public.shortlists s JOIN public.shortlist_entries e ON e.shortlist_id = s.id
      WHERE s.id = subject AND (s.created_by = me OR admin);
  ELSIF kind = 'shortlist.withdrawn' THEN
    RETURN QUERY SELECT e.user_id FROM public.shortlists s JOIN public.shortlist_entries e ON e.shortlist_id = s.id
        WHERE s.id = subject AND s.created_by = me AND e.withdrawn_at IS NOT NULL AND e.withdrawn_by = me
      UNION SELECT s.created_by FROM public.shortlists s JOIN public.shortlist_entries e ON e.shortlist_id = s.id
        WHERE s.id = subject AND e.user_id = me AND e.withdrawn_at IS NOT NULL AND e.withdrawn_by = me;
  ELSIF kind IN ('review.open', 'review.reminder', 'review.ended') THEN
    SELECT v.project_id INTO about FROM public.access_reviews v WHERE v.id = subject;
    IF NOT FOUND OR about IS DISTINCT FROM project OR NOT (admin OR public.app_active_member_of(about)) THEN
      RETURN;
    END IF;
    RETURN QUERY SELECT m.user_id FROM public.memberships m
        WHERE m.project_id = about AND m.role = 'lead' AND m.revoked_at IS NULL
      UNION SELECT u.id FROM public.users u WHERE u.role = 'admin' AND u.disabled_at IS NULL
      UNION SELECT coalesce(m.user_id, a.user_id) FROM public.access_review_decisions d
        LEFT JOIN public.memberships m ON m.id = d.membership_id
        LEFT JOIN public.allowlist_entries a ON a.id = d.allowlist_entry_id
        WHERE kind = 'review.ended' AND d.review_id = subject AND d.decision = 'expired'
          AND coalesce(m.user_id, a.user_id) IS NOT NULL;
  END IF;
END $function$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_notification_recipients(kind text, subject uuid, project uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_notification_recipients(kind text, subject uuid, project uuid) TO clearance_app;
--> statement-breakpoint

-- app_send_notification
-- The one way a notification is written (notifications refuse direct inserts). Since migration 0046 it takes
-- the row the notification is about (`subject`) and writes only to a recipient app_notification_recipients derives
-- from it, for every kind: the application chooses the words, never who hears them. As before: an active
-- signed-in sender who is one of the project's people, an active recipient, a link inside the app.
CREATE OR REPLACE FUNCTION public.app_send_notification(recipient uuid, kind text, project uuid, subject uuid, title text, body text, people uuid[], href text)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'pg_catalog', 'pg_temp'
AS $function$
DECLARE
  me uuid := public.app_user_id();
  owner uuid;
  counterparty uuid;
  new_id uuid;
BEGIN
  IF public.app_user_role() IS NULL THEN
    RAISE EXCEPTION 'notifications are sent by an active signed-in user' USING ERRCODE = '42501';
  END IF;
  IF href IS NOT NULL AND (left(href, 1) <> '/' OR left(href, 2) = '//' OR position('\' IN href) > 0) THEN
    RAISE EXCEPTION 'a notification links inside the app' USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM public.users u WHERE u.id = recipient AND u.disabled_at IS NULL) THEN
    RAISE EXCEPTION 'no such recipient' USING ERRCODE = '42501';
  END IF;
  IF project IS NOT NULL THEN
    SELECT p.client_account_id, p.counterparty_account_id INTO owner, counterparty FROM public.projects p WHERE p.id = project;
    IF NOT (public.app_is_admin() OR public.app_active_member_of(project) OR public.app_client_member_of(owner)
        OR (counterparty IS NOT NULL AND public.app_client_member_of(counterparty))
        OR EXISTS (SELECT 1 FROM public.access_requests r WHERE r.project_id = project AND r.requester_id = me)) THEN
      RAISE EXCEPTION 'not one of this project''s people' USING ERRCODE = '42501';
    END IF;
  END IF;
  -- Who hears of it is derived from what it is about, by the database (app_notification_recipients).
  IF NOT EXISTS (SELECT 1 FROM public.app_notification_recipients(kind, subject, project) a(id) WHERE a.id = recipient) THEN
    RAISE EXCEPTION 'this notification does not go to this person' USING ERRCODE = '42501';
  END IF;
  INSERT INTO public.notifications (user_id, kind, title, body, people, href)
    VALUES (recipient, kind, title, body, coalesce(people, '{}'::uuid[]), href) RETURNING id INTO new_id;
  RETURN new_id;
END $function$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.app_send_notification(recipient uuid, kind text, project uuid, subject uuid, title text, body text, people uuid[], href text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_send_notification(recipient uuid, kind text, project uuid, subject uuid, title text, body text, people uuid[], href text) TO clearance_app;

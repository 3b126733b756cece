-- Periodic access reviews (issue 15). Helper functions first: the policies below call them. Each is SECURITY
-- DEFINER with a pinned search_path and schema-qualified names, EXECUTE only for the application role, and
-- answers only about the caller's own standing.
CREATE OR REPLACE FUNCTION public.app_active_lead_of(project uuid) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM public.memberships m JOIN public.users u ON u.id = m.user_id AND u.disabled_at IS NULL
    WHERE m.project_id = project AND m.user_id = public.app_user_id() AND m.role = 'lead'
      AND m.revoked_at IS NULL AND (m.expires_at IS NULL OR m.expires_at > now())); END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_active_lead_of(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_active_lead_of(uuid) TO clearance_app;
--> statement-breakpoint
-- Who may record a decision in a review: on an open review, about a grant of the review's project. The reviewer
-- (an admin, or the project's active lead) confirms, narrows or revokes, as themselves and never on their own
-- grant; `expired` is written by an admin (scheduled work acts as one) when a window ends, as nobody.
CREATE OR REPLACE FUNCTION public.app_may_decide_review(review uuid, membership uuid, allowlist_entry uuid, decision text, decided_by uuid)
  RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  review_project uuid;
  grant_project uuid;
  grantee uuid;
  caller uuid := public.app_user_id();
  -- Inline rather than app_is_admin(): that helper resolves names through the caller's search_path.
  is_admin boolean := EXISTS (SELECT 1 FROM public.users u WHERE u.id = public.app_user_id() AND u.role = 'admin' AND u.disabled_at IS NULL);
BEGIN
  SELECT r.project_id INTO review_project FROM public.access_reviews r WHERE r.id = review AND r.closed_at IS NULL;
  IF review_project IS NULL OR caller IS NULL THEN RETURN false; END IF;
  IF membership IS NOT NULL THEN
    SELECT m.project_id, m.user_id INTO grant_project, grantee FROM public.memberships m WHERE m.id = membership;
  ELSE
    SELECT i.project_id, a.user_id INTO grant_project, grantee
      FROM public.allowlist_entries a JOIN public.items i ON i.id = a.item_id WHERE a.id = allowlist_entry;
  END IF;
  IF grant_project IS DISTINCT FROM review_project THEN RETURN false; END IF;
  IF decision = 'expired' THEN RETURN is_admin AND decided_by IS NULL; END IF;
  RETURN decided_by = caller AND grantee <> caller AND (is_admin OR public.app_active_lead_of(review_project));
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_may_decide_review(uuid, uuid, uuid, text, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_may_decide_review(uuid, uuid, uuid, text, uuid) TO clearance_app;
--> statement-breakpoint
CREATE TABLE "access_review_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"review_id" uuid NOT NULL,
	"membership_id" uuid,
	"allowlist_entry_id" uuid,
	"decision" text NOT NULL,
	"scopes_after" text[],
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_review_decisions_one_grant" CHECK (num_nonnulls("access_review_decisions"."membership_id", "access_review_decisions"."allowlist_entry_id") = 1),
	CONSTRAINT "access_review_decisions_kind" CHECK ("access_review_decisions"."decision" in ('confirmed', 'narrowed', 'revoked', 'expired')),
	CONSTRAINT "access_review_decisions_shape" CHECK (("access_review_decisions"."decision" = 'narrowed') = ("access_review_decisions"."scopes_after" is not null) and ("access_review_decisions"."decision" = 'expired') = ("access_review_decisions"."decided_by" is null)
        and ("access_review_decisions"."decision" <> 'narrowed' or "access_review_decisions"."membership_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "access_review_decisions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "access_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_by" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	CONSTRAINT "access_reviews_window" CHECK ("access_reviews"."due_at" > "access_reviews"."opened_at")
);
--> statement-breakpoint
ALTER TABLE "access_reviews" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "review_schedules" (
	"client_account_id" uuid PRIMARY KEY NOT NULL,
	"interval_days" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_schedules_interval" CHECK ("review_schedules"."interval_days" between 7 and 90)
);
--> statement-breakpoint
ALTER TABLE "review_schedules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "access_review_decisions" ADD CONSTRAINT "access_review_decisions_review_id_access_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."access_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_decisions" ADD CONSTRAINT "access_review_decisions_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_decisions" ADD CONSTRAINT "access_review_decisions_allowlist_entry_id_allowlist_entries_id_fk" FOREIGN KEY ("allowlist_entry_id") REFERENCES "public"."allowlist_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_review_decisions" ADD CONSTRAINT "access_review_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_reviews" ADD CONSTRAINT "access_reviews_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD CONSTRAINT "review_schedules_client_account_id_client_accounts_id_fk" FOREIGN KEY ("client_account_id") REFERENCES "public"."client_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_schedules" ADD CONSTRAINT "review_schedules_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_review_decisions_membership" ON "access_review_decisions" USING btree ("review_id","membership_id") WHERE "access_review_decisions"."membership_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "access_review_decisions_allowlist" ON "access_review_decisions" USING btree ("review_id","allowlist_entry_id") WHERE "access_review_decisions"."allowlist_entry_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "access_reviews_one_open" ON "access_reviews" USING btree ("project_id") WHERE "access_reviews"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "access_reviews_project_idx" ON "access_reviews" USING btree ("project_id","opened_at");--> statement-breakpoint
CREATE POLICY "access_review_decisions_view" ON "access_review_decisions" AS PERMISSIVE FOR SELECT TO "clearance_app" USING (exists (select 1 from access_reviews r where r.id = review_id));--> statement-breakpoint
CREATE POLICY "access_review_decisions_decide" ON "access_review_decisions" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (app_may_decide_review(review_id, membership_id, allowlist_entry_id, decision, decided_by));--> statement-breakpoint
CREATE POLICY "access_reviews_view" ON "access_reviews" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_is_admin()) or app_active_lead_of(project_id) or app_owner_client_of(project_id));--> statement-breakpoint
CREATE POLICY "access_reviews_open" ON "access_reviews" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) or app_active_lead_of(project_id));--> statement-breakpoint
CREATE POLICY "access_reviews_close" ON "access_reviews" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (closed_at is null and ((select app_is_admin()) or app_active_lead_of(project_id))) WITH CHECK ((select app_is_admin()) or app_active_lead_of(project_id));--> statement-breakpoint
CREATE POLICY "review_schedules_view" ON "review_schedules" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_is_admin()) or app_client_member_of(client_account_id)
        or exists (select 1 from projects p where p.client_account_id = review_schedules.client_account_id and app_active_lead_of(p.id)));--> statement-breakpoint
CREATE POLICY "review_schedules_set" ON "review_schedules" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK (app_client_member_of(client_account_id) and updated_by = (select app_user_id()));--> statement-breakpoint
CREATE POLICY "review_schedules_change" ON "review_schedules" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING (app_client_member_of(client_account_id)) WITH CHECK (app_client_member_of(client_account_id) and updated_by = (select app_user_id()));--> statement-breakpoint
ALTER TABLE "access_reviews" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "access_review_decisions" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "review_schedules" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Decisions are a record: never changed or removed by the application.
REVOKE UPDATE, DELETE, TRUNCATE ON access_review_decisions FROM clearance_app;
--> statement-breakpoint
-- The decision row is the act: this trigger applies it to the grant, so a reviewer who is not an admin changes a
-- grant only in the ways a review allows — narrowing a member's scopes to a non-empty subset of those held,
-- revoking, or (the window ended) expiring it now. It runs as the owner: memberships and allowlists are otherwise
-- written by admins only.
CREATE OR REPLACE FUNCTION public.access_review_decisions_apply() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  held text[];
BEGIN
  IF NEW.decision = 'narrowed' THEN
    SELECT m.scopes INTO held FROM public.memberships m WHERE m.id = NEW.membership_id AND m.role = 'member' FOR UPDATE;
    IF held IS NULL OR cardinality(NEW.scopes_after) = 0 OR NOT (NEW.scopes_after <@ held) OR NEW.scopes_after = held THEN
      RAISE EXCEPTION 'a review narrows a member''s scopes to a smaller, non-empty set' USING ERRCODE = 'check_violation';
    END IF;
    UPDATE public.memberships SET scopes = NEW.scopes_after WHERE id = NEW.membership_id;
  ELSIF NEW.decision = 'revoked' THEN
    UPDATE public.memberships SET revoked_at = now() WHERE id = NEW.membership_id AND revoked_at IS NULL;
    UPDATE public.allowlist_entries SET revoked_at = now() WHERE id = NEW.allowlist_entry_id AND revoked_at IS NULL;
  ELSIF NEW.decision = 'expired' THEN
    UPDATE public.memberships SET expires_at = now()
      WHERE id = NEW.membership_id AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now());
    UPDATE public.allowlist_entries SET expires_at = now()
      WHERE id = NEW.allowlist_entry_id AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now());
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.access_review_decisions_apply() FROM PUBLIC;
--> statement-breakpoint
CREATE TRIGGER access_review_decisions_apply AFTER INSERT ON access_review_decisions
  FOR EACH ROW EXECUTE FUNCTION public.access_review_decisions_apply();
--> statement-breakpoint
-- What each person with a grant did on the project during the review's period, as counts: the reviewer sees
-- how the access was used without reading other people's audit events. Answers only for a reviewer of the review.
CREATE OR REPLACE FUNCTION public.app_review_activity(review uuid)
  RETURNS TABLE (user_id uuid, reads bigint, downloads bigint, reveals bigint)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
  AS $$
DECLARE
  r public.access_reviews;
BEGIN
  SELECT * INTO r FROM public.access_reviews WHERE id = review;
  IF r.id IS NULL OR NOT (public.app_active_lead_of(r.project_id)
    OR EXISTS (SELECT 1 FROM public.users u WHERE u.id = public.app_user_id() AND u.role = 'admin' AND u.disabled_at IS NULL)) THEN RETURN; END IF;
  RETURN QUERY SELECT e.actor_id,
      count(*) FILTER (WHERE e.action IN ('item.read', 'file.view')),
      count(*) FILTER (WHERE e.action = 'file.download'),
      count(*) FILTER (WHERE e.action = 'credentials.reveal')
    FROM public.audit_events e
    WHERE e.project_id = r.project_id AND e.outcome = 'allowed' AND e.at >= r.period_start AND e.actor_id IS NOT NULL
    GROUP BY e.actor_id;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_review_activity(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_review_activity(uuid) TO clearance_app;

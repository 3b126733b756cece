CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_name" text NOT NULL,
	"recipient_account_id" uuid,
	"country" text,
	"client_account_id" uuid NOT NULL,
	"project_id" uuid,
	"data_categories" text[] NOT NULL,
	"item_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"purpose" text NOT NULL,
	"lawful_basis" text NOT NULL,
	"transfer_safeguard" text,
	"instrument" text,
	"instrument_reference" text,
	"gagged" boolean DEFAULT false NOT NULL,
	"gag_until" timestamp with time zone,
	"gag_lifted_at" timestamp with time zone,
	"gag_lifted_by" uuid,
	"source" text DEFAULT 'manual' NOT NULL,
	"approved_by" uuid,
	"disclosed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosures_kind" CHECK ("disclosures"."recipient_kind" = any(array['vendor', 'platform', 'brand_partner', 'adviser', 'contractor_firm', 'authority']::text[])),
	CONSTRAINT "disclosures_basis" CHECK ("disclosures"."lawful_basis" = any(array['contract', 'legitimate_interests', 'consent', 'legal_obligation', 'vital_interests', 'public_interest']::text[])),
	CONSTRAINT "disclosures_source" CHECK ("disclosures"."source" = any(array['manual', 'counterparty_share']::text[])),
	CONSTRAINT "disclosures_categories" CHECK (cardinality("disclosures"."data_categories") > 0 and "disclosures"."data_categories" <@ array['identity_contact', 'deal_terms', 'logistics', 'creative', 'communications', 'credentials', 'events', 'profiles', 'usage_data']::text[]),
	CONSTRAINT "disclosures_safeguard_kind" CHECK ("disclosures"."transfer_safeguard" is null or "disclosures"."transfer_safeguard" = any(array['adequacy_decision', 'standard_contractual_clauses', 'binding_corporate_rules', 'explicit_consent', 'other_approved']::text[])),
	CONSTRAINT "disclosures_country" CHECK ("disclosures"."country" is null or "disclosures"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "disclosures_transfer_safeguard" CHECK ("disclosures"."country" is null or "disclosures"."country" = any(array['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO', 'GB', 'CH']::text[]) or "disclosures"."transfer_safeguard" is not null),
	CONSTRAINT "disclosures_instrument" CHECK (("disclosures"."instrument" is null or "disclosures"."instrument" = any(array['subpoena', 'court_order', 'lawful_request']::text[])) and ("disclosures"."instrument" is null) = ("disclosures"."instrument_reference" is null)),
	CONSTRAINT "disclosures_authority_instrument" CHECK ("disclosures"."recipient_kind" <> 'authority' or "disclosures"."instrument" is not null),
	CONSTRAINT "disclosures_gag" CHECK (("disclosures"."gagged" or ("disclosures"."gag_until" is null and "disclosures"."gag_lifted_at" is null)) and (not "disclosures"."gagged" or "disclosures"."instrument" is not null)
      and ("disclosures"."gag_lifted_at" is null) = ("disclosures"."gag_lifted_by" is null)),
	CONSTRAINT "disclosures_text" CHECK (length("disclosures"."recipient_name") between 1 and 200 and length("disclosures"."purpose") between 1 and 1000
      and ("disclosures"."instrument_reference" is null or length("disclosures"."instrument_reference") between 1 and 200))
);
--> statement-breakpoint
ALTER TABLE "disclosures" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recipient_account_id_client_accounts_id_fk" FOREIGN KEY ("recipient_account_id") REFERENCES "public"."client_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_client_account_id_client_accounts_id_fk" FOREIGN KEY ("client_account_id") REFERENCES "public"."client_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_gag_lifted_by_users_id_fk" FOREIGN KEY ("gag_lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosures_client_idx" ON "disclosures" USING btree ("client_account_id","disclosed_at");--> statement-breakpoint
CREATE INDEX "disclosures_disclosed_idx" ON "disclosures" USING btree ("disclosed_at");--> statement-breakpoint
CREATE POLICY "disclosures_view" ON "disclosures" AS PERMISSIVE FOR SELECT TO "clearance_app" USING ((select app_is_admin()) or (app_client_member_of(client_account_id) and (not gagged or gag_lifted_at is not null or (gag_until is not null and gag_until <= now()))));--> statement-breakpoint
CREATE POLICY "disclosures_record" ON "disclosures" AS PERMISSIVE FOR INSERT TO "clearance_app" WITH CHECK ((select app_is_admin()) and source = 'manual' and approved_by = (select app_user_id()) and gag_lifted_at is null);--> statement-breakpoint
CREATE POLICY "disclosures_lift_gag" ON "disclosures" AS PERMISSIVE FOR UPDATE TO "clearance_app" USING ((select app_is_admin()) and gagged and gag_lifted_at is null) WITH CHECK ((select app_is_admin()) and gag_lifted_by = (select app_user_id()));--> statement-breakpoint
ALTER TABLE "disclosures" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The register is a record: rows are never deleted by the application, and only a gag's lifting ever changes one.
REVOKE DELETE, TRUNCATE ON disclosures FROM clearance_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.disclosures_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF OLD.gag_lifted_at IS NOT NULL OR NOT OLD.gagged OR NEW.gag_lifted_at IS NULL
     OR (to_jsonb(NEW) - 'gag_lifted_at' - 'gag_lifted_by') <> (to_jsonb(OLD) - 'gag_lifted_at' - 'gag_lifted_by') THEN
    RAISE EXCEPTION 'a disclosure record changes only by lifting its gag, once' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER disclosures_guard BEFORE UPDATE ON public.disclosures FOR EACH ROW EXECUTE FUNCTION public.disclosures_guard();
--> statement-breakpoint
-- Sharing an item with the counterparty brand is a disclosure (issue 15 point 2): whichever path shares it (a lead's
-- new item or reclassification, a client's approved hand-over change, the seed), its record is written here, in the
-- same transaction — the brand as recipient, the item's category, the item and its files by reference, the person
-- who shared it as approver. As definer: the sharer may not read the register, and the row names the brand's account.
CREATE OR REPLACE FUNCTION public.disclosures_record_counterparty_share() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  owner uuid;
  counterparty uuid;
  brand text;
  shared_files uuid[];
BEGIN
  IF NOT NEW.shared_with_counterparty OR (TG_OP = 'UPDATE' AND OLD.shared_with_counterparty) THEN
    RETURN NULL;
  END IF;
  SELECT p.client_account_id, p.counterparty_account_id INTO owner, counterparty FROM public.projects p WHERE p.id = NEW.project_id;
  IF counterparty IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT a.codename INTO brand FROM public.client_accounts a WHERE a.id = counterparty;
  SELECT coalesce(array_agg(f.id ORDER BY f.created_at), '{}'::uuid[]) INTO shared_files FROM public.files f WHERE f.item_id = NEW.id;
  INSERT INTO public.disclosures (recipient_kind, recipient_name, recipient_account_id, country, client_account_id, project_id,
      data_categories, item_ids, file_ids, purpose, lawful_basis, source, approved_by, disclosed_at)
    VALUES ('brand_partner', brand, counterparty, NULL, owner, NEW.project_id,
      ARRAY[NEW.category::text], ARRAY[NEW.id], shared_files,
      'Deal execution, campaign approvals and reporting with the counterparty brand', 'contract', 'counterparty_share',
      public.app_user_id(), now());
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.disclosures_record_counterparty_share() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.disclosures_record_counterparty_share() TO clearance_app;
--> statement-breakpoint
CREATE TRIGGER items_counterparty_disclosure AFTER INSERT OR UPDATE OF shared_with_counterparty ON public.items
  FOR EACH ROW EXECUTE FUNCTION public.disclosures_record_counterparty_share();
--> statement-breakpoint
-- Withholding a gagged disclosure is itself audited (issue 15 point 2). When a client's "Shared with" or a person's
-- access export is built while a record about them is gagged, one event per client account is written here, with no
-- actor and no project: only admins read it (audit_view), so the event cannot tell the client what the register
-- hides. It returns nothing, whatever it found: the caller learns nothing either. A client asks about themselves
-- only; an admin (building an export) about anyone.
CREATE OR REPLACE FUNCTION public.app_note_withheld_disclosures(subject uuid, via text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  me uuid := public.app_user_id();
  r record;
BEGIN
  IF me IS NULL OR subject IS NULL OR via NOT IN ('shared_with', 'export') THEN
    RETURN;
  END IF;
  IF subject <> me AND NOT public.app_is_admin() THEN
    RETURN;
  END IF;
  FOR r IN
    SELECT d.client_account_id AS account, array_agg(d.id ORDER BY d.disclosed_at) AS ids
    FROM public.disclosures d
    JOIN public.client_account_members cm ON cm.client_account_id = d.client_account_id AND cm.user_id = subject
    WHERE d.gagged AND d.gag_lifted_at IS NULL AND (d.gag_until IS NULL OR d.gag_until > now())
    GROUP BY d.client_account_id
  LOOP
    INSERT INTO public.audit_events (actor_id, action, target_type, target_id, project_id, outcome, reason, details)
      VALUES (NULL, 'disclosure.withheld', 'client_account', r.account, NULL, 'denied', 'gagged',
        jsonb_build_object('subject', subject, 'askedBy', me, 'via', via, 'disclosureIds', to_jsonb(r.ids), 'count', cardinality(r.ids)));
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION public.app_note_withheld_disclosures(uuid, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.app_note_withheld_disclosures(uuid, text) TO clearance_app;

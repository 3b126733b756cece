import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import type { ProfileField, ProfileVisibility } from '@/lib/authz/profiles';
import { open } from '@/lib/crypto/envelope';
import { parseSealed } from '@/lib/crypto/item-content';
import type { ExportCategoryKey } from '@/lib/privacy/export-catalogue';
import type { ExportRecord } from '@/lib/privacy/export-document';
import { needsContext, type NeedsContent } from '../events/event-facts';
import { fieldText } from '../profiles/facts';

type Person = {
  profile: { id: string; slug: string; created_at: string; updated_at: string } | null;
  fields: {
    profile_id: string;
    field: ProfileField;
    value: string | null;
    sealed: unknown;
    visibility: ProfileVisibility;
    updated_at: string;
  }[];
  shortlists: {
    brand: string;
    known: boolean;
    campaign: string | null;
    proposed_at: string;
    added_at: string;
    withdrawn_at: string | null;
  }[];
  guests: {
    id: string;
    event: string;
    project: string;
    starts_at: string;
    name: string;
    email: string;
    plus_ones: number;
    status: string;
    invited_at: string | null;
    responded_at: string | null;
    needs: unknown;
    needs_given_at: string | null;
    checked_in_at: string | null;
    consents: { decision: string; notice_version: string; at: string }[];
  }[];
};

const iso = (d: string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * What an administrator cannot read under row-level security but the person's export must hold (issue 14): their
 * profile, every field with its visibility, sealed fields opened; the campaigns they were proposed for (the brand
 * by codename unless they already deal with it); their guest records found by email, with attendance, needs
 * (opened: they go to the person) and the consents behind them. Through the definer privacy_export_person, which
 * answers an administrator only for the subject of a verified access or portability request.
 */
export async function exportPersonRecords(
  tx: Tx,
  requestId: string,
): Promise<Partial<Record<ExportCategoryKey, ExportRecord[]>>> {
  const [row] = rowsOf<{ person: Person | string | null }>(
    await tx.execute(sql`select privacy_export_person(${requestId}::uuid) as person`),
  );
  const person = typeof row?.person === 'string' ? (JSON.parse(row.person) as Person) : row?.person;
  if (!person) return {};
  const out: Partial<Record<ExportCategoryKey, ExportRecord[]>> = {};
  if (person.profile) {
    out.profile = person.fields.map((f) => ({
      field: f.field,
      value: fieldText({
        profileId: f.profile_id,
        field: f.field,
        visibility: f.visibility,
        value: f.value,
        sealed: f.sealed,
      }),
      visibility: f.visibility,
      updatedAt: iso(f.updated_at),
    }));
  }
  if (person.shortlists.length > 0) {
    out.shortlists = person.shortlists.map((s) => ({
      brand: s.brand,
      campaign: s.known ? s.campaign : null,
      proposedAt: iso(s.proposed_at),
      addedAt: iso(s.added_at),
      withdrawnAt: iso(s.withdrawn_at),
    }));
  }
  if (person.guests.length > 0) {
    out.eventGuests = person.guests.map((g) => {
      const needs = g.needs ? (JSON.parse(open(parseSealed(g.needs), needsContext(g.id))) as NeedsContent) : null;
      return {
        event: g.event,
        project: g.project,
        startsAt: iso(g.starts_at),
        name: g.name,
        email: g.email,
        plusOnes: g.plus_ones,
        status: g.status,
        invitedAt: iso(g.invited_at),
        respondedAt: iso(g.responded_at),
        checkedInAt: iso(g.checked_in_at),
        dietaryNeeds: needs?.dietary || null,
        accessibilityNeeds: needs?.accessibility || null,
        needsGivenAt: needs ? iso(g.needs_given_at) : null,
      };
    });
    const consents = person.guests.flatMap((g) =>
      g.consents.map((c) => ({ event: g.event, decision: c.decision, noticeVersion: c.notice_version, at: iso(c.at) })),
    );
    if (consents.length > 0) out.eventNeedConsents = consents;
  }
  return out;
}

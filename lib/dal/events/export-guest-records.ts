import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { open } from '@/lib/crypto/envelope';
import { parseSealed } from '@/lib/crypto/item-content';
import { needsContext, type NeedsContent } from './event-facts';
import type { Row } from './guest-records-row';

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

/**
 * A person's guest records for a rights request, found by email in an administrator's transaction through the
 * SECURITY DEFINER function of the events migration. For the person's own export, their needs are opened; the
 * administrator sees them only inside that export, which goes to the person.
 */
export async function exportGuestRecords(tx: Tx, email: string) {
  const rows = rowsOf<Row>(await tx.execute(sql`select * from privacy_guest_records(${email}, false, '')`));
  return rows.map((r) => {
    const needs = r.r_needs
      ? (JSON.parse(open(parseSealed(r.r_needs), needsContext(r.r_guest_id))) as NeedsContent)
      : null;
    return {
      event: r.r_event_name,
      project: r.r_codename,
      startsAt: iso(r.r_starts_at),
      name: r.r_name,
      email: r.r_email,
      plusOnes: r.r_plus_ones,
      status: r.r_status,
      respondedAt: iso(r.r_responded_at),
      dietaryNeeds: needs?.dietary || null,
      accessibilityNeeds: needs?.accessibility || null,
    };
  });
}

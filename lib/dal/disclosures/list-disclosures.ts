import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { can, type Actor } from '@/lib/authz';
import type { RecipientKind } from '@/lib/disclosures/vocabulary';
import { withActor } from '../transaction';
import { disclosureColumns, toDisclosureRow, type DisclosureRow, type RawDisclosure } from './shape';

export type DisclosureFilters = {
  kind?: RecipientKind;
  clientAccountId?: string;
  /** `legal`: with an instrument; `withheld`: gagged and not yet lifted (by an admin or by date). */
  state?: 'legal' | 'withheld';
};

/** The register for admins (issue 15 point 1), newest first, filtered in SQL; null when the actor may not read it. */
export async function listDisclosures(
  actor: Actor,
  filters: DisclosureFilters = {},
  now = new Date(),
): Promise<DisclosureRow[] | null> {
  if (!can(actor, 'disclosure.record', { type: 'disclosure', disclosure: null }, now).allowed) return null;
  const where: SQL[] = [sql`true`];
  if (filters.kind) where.push(sql`disclosures.recipient_kind = ${filters.kind}`);
  if (filters.clientAccountId) where.push(sql`disclosures.client_account_id = ${filters.clientAccountId}`);
  if (filters.state === 'legal') where.push(sql`disclosures.instrument is not null`);
  if (filters.state === 'withheld') {
    where.push(
      sql`disclosures.gagged and disclosures.gag_lifted_at is null and (disclosures.gag_until is null or disclosures.gag_until > ${now.toISOString()}::timestamptz)`,
    );
  }
  return withActor(actor, async ({ tx }) => {
    const rows = rowsOf<RawDisclosure>(
      await tx.execute(sql`select ${disclosureColumns()} from disclosures where ${sql.join(where, sql` and `)}
        order by disclosures.disclosed_at desc, disclosures.recorded_at desc limit 500`),
    );
    return rows.map(toDisclosureRow);
  });
}

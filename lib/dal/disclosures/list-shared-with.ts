import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import type { Actor } from '@/lib/authz';
import { visibleDisclosuresWhere } from '@/lib/authz/disclosures-sql';
import { disclosures } from '@/db/schema';
import { withActor } from '../transaction';
import { disclosureColumns, toDisclosureRow, type DisclosureRow, type RawDisclosure } from './shape';

/**
 * A client's "Shared with" (issue 15 point 3): every disclosure of their data the register holds and the law lets
 * them be told of — recipient, purpose, basis, date. Gagged records are absent three times over: the SQL filter
 * here, row-level security under it, and the policy's rule both restate. Each listing made while a record about
 * them is gagged is audited by app_note_withheld_disclosures, in an event only admins read (it returns nothing).
 * A brand that is one of the agency's clients is named as the client may see it (its real name, when connected).
 */
export async function listSharedWith(actor: Actor, now = new Date()): Promise<DisclosureRow[]> {
  if (actor.role !== 'client' || actor.disabled) return [];
  return withActor(actor, async ({ tx }) => {
    await tx.execute(sql`select public.app_note_withheld_disclosures(${actor.id}::uuid, 'shared_with')`);
    const name = sql`coalesce((select a.name from client_accounts a where a.id = disclosures.recipient_account_id), disclosures.recipient_name)`;
    const rows = rowsOf<RawDisclosure>(
      await tx.execute(sql`select ${disclosureColumns(name)} from ${disclosures} where ${visibleDisclosuresWhere(actor, now)}
        order by disclosures.disclosed_at desc limit 500`),
    );
    return rows.map(toDisclosureRow);
  });
}

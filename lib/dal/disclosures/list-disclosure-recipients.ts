import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { isAbroad, type DataCategory, type RecipientKind, type TransferSafeguard } from '@/lib/disclosures/vocabulary';

/** One recipient of the register, for the register of processing activities (issue 15 point 4). */
export type DisclosureRecipient = {
  recipientKind: RecipientKind;
  recipientName: string;
  /** ISO 3166-1 alpha-2, or null when not recorded. */
  country: string | null;
  /** Outside the home jurisdiction (EEA, UK, Switzerland): a transfer. */
  abroad: boolean;
  /** The safeguards recorded for transfers to this recipient (empty when none was needed). */
  transferSafeguards: TransferSafeguard[];
  dataCategories: DataCategory[];
  disclosures: number;
  lastDisclosedAt: Date;
};

/**
 * Every recipient in the disclosure register, grouped by kind, name and country, with the categories disclosed and
 * the safeguards recorded: the recipients and transfers of the register of processing activities, never typed twice.
 * Runs in the caller's transaction, which must be an admin's (row-level security returns nothing to anyone else).
 * Legal disclosures still under a gag are left out unless `includeWithheld` (an exported register leaves the agency).
 * Brand partners are named by their account's codename.
 */
export async function listDisclosureRecipients(
  tx: Tx,
  options: { includeWithheld?: boolean } = {},
): Promise<DisclosureRecipient[]> {
  const withheld = options.includeWithheld
    ? sql`true`
    : sql`(not d.gagged or d.gag_lifted_at is not null or (d.gag_until is not null and d.gag_until <= now()))`;
  const rows = rowsOf<{
    recipient_kind: RecipientKind;
    recipient_name: string;
    country: string | null;
    safeguards: TransferSafeguard[] | null;
    categories: DataCategory[];
    n: number;
    last: string | Date;
  }>(
    await tx.execute(sql`select d.recipient_kind, d.recipient_name, d.country,
        array_remove(array_agg(distinct d.transfer_safeguard), null) as safeguards,
        array(select distinct c from disclosures x, unnest(x.data_categories) c
          where x.recipient_kind = d.recipient_kind and x.recipient_name = d.recipient_name and x.country is not distinct from d.country
          order by c) as categories,
        count(*)::int as n, max(d.disclosed_at) as last
      from disclosures d where ${withheld}
      group by d.recipient_kind, d.recipient_name, d.country
      order by d.recipient_kind, d.recipient_name`),
  );
  return rows.map((r) => ({
    recipientKind: r.recipient_kind,
    recipientName: r.recipient_name,
    country: r.country,
    abroad: isAbroad(r.country),
    transferSafeguards: r.safeguards ?? [],
    dataCategories: r.categories,
    disclosures: Number(r.n),
    lastDisclosedAt: new Date(r.last),
  }));
}

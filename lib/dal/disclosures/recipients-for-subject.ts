import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import {
  countryName,
  DATA_CATEGORY_LABELS,
  LAWFUL_BASIS_LABELS,
  RECIPIENT_KIND_LABELS,
  TRANSFER_SAFEGUARD_LABELS,
  type DataCategory,
  type LawfulBasis,
  type RecipientKind,
  type TransferSafeguard,
} from '@/lib/disclosures/vocabulary';

/** One recipient of a person's data, as their access export lists it (issue 15 point 3). */
export type SubjectRecipient = {
  recipientKind: string;
  recipient: string;
  country: string;
  dataCategories: string[];
  purpose: string;
  lawfulBasis: string;
  transferSafeguard: string | null;
  disclosedOn: string;
};

/**
 * The recipients of a person's data for their access export: the disclosures about the client accounts they belong
 * to, as the person may be told of them — a record the law still forbids telling them about is left out here, in
 * SQL, whoever runs the export (an admin reads the whole register), and that withholding is audited in an event only
 * admins read (app_note_withheld_disclosures). Runs in the caller's transaction (the export's, an admin's).
 */
export async function recipientsForSubject(tx: Tx, subject: { userId: string | null }): Promise<SubjectRecipient[]> {
  if (!subject.userId) return [];
  await tx.execute(sql`select public.app_note_withheld_disclosures(${subject.userId}::uuid, 'export')`);
  const rows = rowsOf<{
    recipient_kind: RecipientKind;
    recipient: string;
    country: string | null;
    data_categories: DataCategory[];
    purpose: string;
    lawful_basis: LawfulBasis;
    transfer_safeguard: TransferSafeguard | null;
    disclosed_at: string | Date;
  }>(
    await tx.execute(sql`select d.recipient_kind, coalesce((select a.name from client_accounts a where a.id = d.recipient_account_id), d.recipient_name) as recipient,
        d.country, d.data_categories, d.purpose, d.lawful_basis, d.transfer_safeguard, d.disclosed_at
      from disclosures d
      where d.client_account_id in (select cm.client_account_id from client_account_members cm where cm.user_id = ${subject.userId})
        and (not d.gagged or d.gag_lifted_at is not null or (d.gag_until is not null and d.gag_until <= now()))
      order by d.disclosed_at`),
  );
  return rows.map((r) => ({
    recipientKind: RECIPIENT_KIND_LABELS[r.recipient_kind],
    recipient: r.recipient,
    country: countryName(r.country),
    dataCategories: r.data_categories.map((c) => DATA_CATEGORY_LABELS[c] ?? c),
    purpose: r.purpose,
    lawfulBasis: LAWFUL_BASIS_LABELS[r.lawful_basis],
    transferSafeguard: r.transfer_safeguard ? TRANSFER_SAFEGUARD_LABELS[r.transfer_safeguard] : null,
    disclosedOn: new Date(r.disclosed_at).toISOString().slice(0, 10),
  }));
}

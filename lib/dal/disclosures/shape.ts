import 'server-only';
import { sql } from 'drizzle-orm';
import type { ItemCategory } from '@/lib/authz';
import type {
  DataCategory,
  DisclosureSource,
  Instrument,
  LawfulBasis,
  RecipientKind,
  TransferSafeguard,
} from '@/lib/vocabulary';
import { itemReference } from '@/lib/labels';

/** A register row as pages show it: items by category and reference, never by title; accounts by codename. */
export type DisclosureRow = {
  id: string;
  recipientKind: RecipientKind;
  recipientName: string;
  country: string | null;
  clientAccountId: string;
  clientCodename: string;
  projectCodename: string | null;
  dataCategories: DataCategory[];
  items: string[];
  files: number;
  purpose: string;
  lawfulBasis: LawfulBasis;
  transferSafeguard: TransferSafeguard | null;
  instrument: Instrument | null;
  instrumentReference: string | null;
  gagged: boolean;
  gagUntil: Date | null;
  gagLiftedAt: Date | null;
  source: DisclosureSource;
  /** Who approved it, by name where the reader may see people (admins); null otherwise. */
  approverName: string | null;
  disclosedAt: Date;
};

/** The row as SQL returns it; the columns' checks (db/schema/disclosures.ts) hold their words to the vocabulary. */
export type RawDisclosure = {
  id: string;
  recipient_kind: RecipientKind;
  recipient_name: string;
  country: string | null;
  client_account_id: string;
  client_codename: string;
  project_codename: string | null;
  data_categories: DataCategory[];
  items: { category: ItemCategory; ref: number }[] | null;
  file_count: number;
  purpose: string;
  lawful_basis: LawfulBasis;
  transfer_safeguard: TransferSafeguard | null;
  instrument: Instrument | null;
  instrument_reference: string | null;
  gagged: boolean;
  gag_until: string | Date | null;
  gag_lifted_at: string | Date | null;
  source: DisclosureSource;
  approver_name: string | null;
  disclosed_at: string | Date;
};

/**
 * The select list of a register row, over `disclosures d`. `recipientName` is the SQL for the recipient's name as
 * this reader may see it. Item references come from the content-free directory.
 */
export const disclosureColumns = (
  recipientName = sql`disclosures.recipient_name`,
) => sql`disclosures.id, disclosures.recipient_kind, ${recipientName} as recipient_name,
  disclosures.country, disclosures.client_account_id,
  (select a.codename from client_accounts a where a.id = disclosures.client_account_id) as client_codename,
  (select p.codename from project_directory p where p.id = disclosures.project_id) as project_codename,
  disclosures.data_categories,
  (select json_agg(json_build_object('category', i.category, 'ref', i.ref) order by i.ref) from item_directory i where i.id = any(disclosures.item_ids)) as items,
  cardinality(disclosures.file_ids) as file_count,
  disclosures.purpose, disclosures.lawful_basis, disclosures.transfer_safeguard, disclosures.instrument, disclosures.instrument_reference, disclosures.gagged, disclosures.gag_until, disclosures.gag_lifted_at,
  disclosures.source, (select u.name from users u where u.id = disclosures.approved_by) as approver_name, disclosures.disclosed_at`;

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

export const toDisclosureRow = (r: RawDisclosure): DisclosureRow => ({
  id: r.id,
  recipientKind: r.recipient_kind,
  recipientName: r.recipient_name,
  country: r.country,
  clientAccountId: r.client_account_id,
  clientCodename: r.client_codename,
  projectCodename: r.project_codename,
  dataCategories: r.data_categories,
  items: (r.items ?? []).map((i) => itemReference(i.category, Number(i.ref))),
  files: Number(r.file_count),
  purpose: r.purpose,
  lawfulBasis: r.lawful_basis,
  transferSafeguard: r.transfer_safeguard,
  instrument: r.instrument,
  instrumentReference: r.instrument_reference,
  gagged: r.gagged,
  gagUntil: date(r.gag_until),
  gagLiftedAt: date(r.gag_lifted_at),
  source: r.source,
  approverName: r.approver_name,
  disclosedAt: new Date(r.disclosed_at),
});

/**
 * The disclosure register's vocabulary (issue 15 points 1-3, docs/product.md §13; privacy policy §5, §5.1, §10, §12.5).
 * No database or server import: the schema's checks, the validations and the pages share these lists.
 */

import { HOME_JURISDICTION, type Instrument, type RecipientKind, type TransferSafeguard } from '../vocabulary';

// The lists themselves are in lib/vocabulary.ts, with the database's other closed sets of words.
export {
  DISCLOSURE_SOURCES,
  INSTRUMENTS,
  RECIPIENT_KINDS,
  TRANSFER_SAFEGUARDS,
  type DisclosureSource,
  type Instrument,
  type RecipientKind,
  type TransferSafeguard,
} from '../vocabulary';

export const RECIPIENT_KIND_LABELS: Record<RecipientKind, string> = {
  vendor: 'Service provider',
  platform: 'Platform',
  brand_partner: 'Brand partner',
  adviser: 'Professional adviser',
  contractor_firm: 'Contractor firm',
  authority: 'Authority',
};

export { LAWFUL_BASES, LAWFUL_BASIS_LABELS, type LawfulBasis } from '../privacy/lawful-bases';
export { DATA_CATEGORIES, DATA_CATEGORY_LABELS, type DataCategory } from '../privacy/processing-vocabulary';

export const TRANSFER_SAFEGUARD_LABELS: Record<TransferSafeguard, string> = {
  adequacy_decision: 'Adequacy decision',
  standard_contractual_clauses: 'Standard contractual clauses',
  binding_corporate_rules: 'Binding corporate rules',
  explicit_consent: 'Explicit consent of the person',
  other_approved: 'Other approved safeguard',
};

export const INSTRUMENT_LABELS: Record<Instrument, string> = {
  subpoena: 'Subpoena',
  court_order: 'Court order',
  lawful_request: 'Lawful government request',
};

export { HOME_JURISDICTION } from '../vocabulary';
export const HOME_JURISDICTION_LABEL = 'the EEA, the United Kingdom and Switzerland';

export const isAbroad = (country: string | null): boolean =>
  country !== null && !(HOME_JURISDICTION as readonly string[]).includes(country);

/** Regions the runtime names that are not countries (ICU knows the EU, the UN, "Outlying Oceania"…). */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Every ISO 3166-1 alpha-2 country the runtime can name, sorted by name: the country select. */
export const COUNTRIES: readonly { code: string; name: string }[] = (() => {
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = regionNames.of(code);
      if (name && name !== code) out.push({ code, name });
    }
  return out.sort((x, y) => x.name.localeCompare(y.name));
})();

export const countryName = (code: string | null): string =>
  code === null ? 'Not recorded' : (regionNames.of(code) ?? code);

/** A gagged record stays hidden from the client until an admin lifts the gag or its lift date has passed. */
export const isWithheld = (
  d: { gagged: boolean; gagUntil: Date | null; gagLiftedAt: Date | null },
  now: Date,
): boolean => d.gagged && d.gagLiftedAt === null && (d.gagUntil === null || d.gagUntil > now);

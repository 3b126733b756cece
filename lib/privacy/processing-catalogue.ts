/**
 * Where each data category of the register of processing activities lives in this system (issue 15 point 4): whose
 * data it is, the tables that hold it, and which retention setting removes it. Written once, here; the register
 * reads everything else from the system itself — the periods from the retention rules and the events' settings,
 * recipients and transfers from the disclosure register, encryption from the schema's sealed columns, row-level
 * security from the database's catalogue (lib/dal/processing/build-register.ts).
 */
import type { RetentionRuleKey } from './retention-rules';
import { DATA_CATEGORIES, ITEM_DATA_CATEGORIES, type DataCategory } from './processing-vocabulary';

export type RetentionSource =
  | { kind: 'rule'; key: RetentionRuleKey }
  /** Each event's own `needs_retention_days` (guests' dietary and accessibility needs). */
  | { kind: 'event_needs' }
  /** Kept without a retention rule, and why. */
  | { kind: 'kept'; why: string };

export type CategorySource = { dataSubjects: string[]; tables: string[]; retention: RetentionSource[] };

const AGENCY = 'Agency staff and contractors';
const TALENT = 'Talent (creators, streamers, celebrities, executives)';
const BRANDS = 'Brand partners’ contacts';

// Items of every category carry files and allowlists; the category itself is the `item_category` enum's value.
const itemSource = (category: (typeof ITEM_DATA_CATEGORIES)[number]): CategorySource => ({
  dataSubjects: category === 'communications' ? [TALENT, BRANDS, AGENCY] : [TALENT, BRANDS],
  tables: ['items', 'files', 'file_versions', 'file_chunks', 'allowlist_entries'],
  retention: [{ kind: 'rule', key: category === 'deal_terms' ? 'contract_records' : 'project_content' }],
});

const OTHER: Record<Exclude<DataCategory, (typeof ITEM_DATA_CATEGORIES)[number]>, CategorySource> = {
  identity_contact: {
    dataSubjects: [TALENT, BRANDS, AGENCY, 'People making privacy requests and their agents'],
    tables: ['users', 'client_accounts', 'client_account_members', 'invitations', 'privacy_requests'],
    retention: [
      { kind: 'rule', key: 'business_contacts' },
      { kind: 'rule', key: 'unverified_requests' },
    ],
  },
  events: {
    dataSubjects: ['Event guests'],
    tables: ['events', 'event_venues', 'guests', 'guest_needs', 'guest_need_consents', 'guest_check_ins'],
    retention: [{ kind: 'event_needs' }],
  },
  profiles: {
    dataSubjects: [TALENT, 'Contractors (creators, editors, designers)'],
    tables: ['profiles', 'profile_fields', 'profile_consents', 'shortlists', 'shortlist_entries'],
    retention: [{ kind: 'rule', key: 'business_contacts' }],
  },
  usage_data: {
    dataSubjects: ['Everyone who signs in', 'Visitors choosing cookies'],
    tables: ['audit_events', 'sessions', 'consent_records', 'notifications'],
    retention: [
      {
        kind: 'kept',
        why: 'The audit log is append-only, tamper-evident legal evidence: it is kept, and erasure de-identifies the people it names',
      },
    ],
  },
};

export const CATEGORY_SOURCES: Record<DataCategory, CategorySource> = Object.fromEntries(
  DATA_CATEGORIES.map((c) => [
    c,
    (ITEM_DATA_CATEGORIES as readonly string[]).includes(c)
      ? itemSource(c as (typeof ITEM_DATA_CATEGORIES)[number])
      : OTHER[c as keyof typeof OTHER],
  ]),
) as Record<DataCategory, CategorySource>;

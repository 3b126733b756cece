/** The words of privacy operations (issue 6), shared by forms, pages, the DAL and tests; safe in client code. */
import type { Jurisdiction, RequestKind, RequestStatus } from '../vocabulary';

// The lists themselves are in lib/vocabulary.ts, with the database's other enums.
export {
  JURISDICTIONS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type Jurisdiction,
  type RequestKind,
  type RequestStatus,
} from '../vocabulary';

export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  access: 'See a copy of my data (access)',
  portability: 'Get my data in a portable format',
  correction: 'Correct my data',
  deletion: 'Delete my data',
  restriction: 'Restrict how my data is used',
  objection: 'Object to how my data is used',
  withdraw_consent: 'Withdraw my consent',
  opt_out_sale_sharing: 'Opt out of sale or sharing',
  limit_sensitive: 'Limit use of my sensitive data',
};

export const REQUEST_KIND_SHORT: Record<RequestKind, string> = {
  access: 'Access',
  portability: 'Portability',
  correction: 'Correction',
  deletion: 'Deletion',
  restriction: 'Restriction',
  objection: 'Objection',
  withdraw_consent: 'Withdraw consent',
  opt_out_sale_sharing: 'Opt-out of sale/sharing',
  limit_sensitive: 'Limit sensitive data',
};

/** Requests anyone may make without proving who they are: they only ever reduce what is done with data. */
export const UNVERIFIED_KINDS: readonly RequestKind[] = ['opt_out_sale_sharing', 'limit_sensitive'];
export const needsVerification = (kind: RequestKind) => !UNVERIFIED_KINDS.includes(kind);

export const OPEN_STATUSES: readonly RequestStatus[] = ['received', 'verifying', 'in_progress', 'extended'];

export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  received: 'Received',
  verifying: 'Verifying',
  in_progress: 'In progress',
  extended: 'Extended',
  completed: 'Completed',
  refused: 'Refused',
};

export const JURISDICTION_LABELS: Record<Jurisdiction, string> = {
  gdpr: 'GDPR / UK GDPR',
  california: 'California (CCPA/CPRA)',
  other: 'Other',
};

/** Where the requester lives, which decides the law whose clock applies. */
export const RESIDENCES = {
  eea: { label: 'A country of the EU or EEA', jurisdiction: 'gdpr' },
  uk: { label: 'The United Kingdom', jurisdiction: 'gdpr' },
  ch: { label: 'Switzerland', jurisdiction: 'gdpr' },
  california: { label: 'California, USA', jurisdiction: 'california' },
  us_other: { label: 'Another US state', jurisdiction: 'other' },
  elsewhere: { label: 'Somewhere else', jurisdiction: 'other' },
} as const satisfies Record<string, { label: string; jurisdiction: Jurisdiction }>;
export type Residence = keyof typeof RESIDENCES;
export const RESIDENCE_KEYS = Object.keys(RESIDENCES) as Residence[];
export const jurisdictionOf = (residence: Residence): Jurisdiction => RESIDENCES[residence].jurisdiction;

export const formatRequestRef = (ref: number) => `PR-${String(ref).padStart(5, '0')}`;

/** The four cookie categories of the MM Group policy (seed 000 §7.1). */
export const COOKIE_CATEGORIES = [
  {
    key: 'necessary',
    label: 'Strictly necessary',
    description: 'Keep you signed in, protect forms against forgery and remember your cookie choices. Always on.',
  },
  {
    key: 'analytics',
    label: 'Performance and analytics',
    description: 'Count visits to pages so we can see what is used and improve it.',
  },
  {
    key: 'functional',
    label: 'Functionality',
    description: 'Remember preferences on this device to make the site easier to use.',
  },
  {
    key: 'marketing',
    label: 'Marketing',
    description: 'Measure our own campaigns. We never sell your data or share it for cross-site advertising.',
  },
] as const;
export type OptionalCookieCategory = 'analytics' | 'functional' | 'marketing';
export const OPTIONAL_COOKIE_CATEGORIES: readonly OptionalCookieCategory[] = ['analytics', 'functional', 'marketing'];

export type CookieChoices = Record<OptionalCookieCategory, boolean>;
export const NO_OPTIONAL_COOKIES: CookieChoices = { analytics: false, functional: false, marketing: false };

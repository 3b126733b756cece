/**
 * What each category of an access/portability export is, why Clearance holds it, who receives it and how long
 * it is kept: the explanations travel with the data (issue 6). Product wording, not legal advice.
 *
 * Adding a category: an entry here, a place in EXPORT_SECTIONS (the unit test checks each category is in
 * exactly one section), and its records from lib/dal/privacy/export-data.ts. The readable page
 * (export-page.tsx) needs nothing more: it labels fields through EXPORT_FIELD_LABELS.
 */
import { PROFILE_FIELD_LABELS, VISIBILITY_LABELS } from '@/lib/dal/profiles/labels';

export type ExportCategory = {
  title: string;
  purpose: string;
  recipients: string;
  retention: string;
  /** What the page says when nothing is held in this category. */
  empty: string;
  /** How the page shows the records: one card per record, or one table (for long lists of like events). */
  layout: 'cards' | 'table';
};

const STAFF = 'MM Group administrators; nobody outside MM Group.';

export const EXPORT_CATALOGUE = {
  account: {
    title: 'Your account',
    purpose: 'To let you sign in, to know who you are when you work in the portal, and to contact you about it.',
    recipients: STAFF,
    retention: 'While your account is open; afterwards as a business contact, three years after our last contact.',
    empty: 'You have no account in the portal: we know you only by the email address of your request.',
    layout: 'cards',
  },
  profile: {
    title: 'Your profile',
    purpose: 'To present you to the agency and, only where you chose so field by field, to brands or the public.',
    recipients:
      'Each field only as far as you set it: private (the agency people cleared for you), brands you are proposed to, or anyone (public).',
    retention: 'While you keep your profile; it goes when you ask us to delete your data.',
    empty: 'You have no profile.',
    layout: 'table',
  },
  clientAccounts: {
    title: 'Client accounts you belong to',
    purpose: 'To show you the engagements of the talent or brand you represent.',
    recipients: 'MM Group administrators, and the staff cleared for the client identity on each project.',
    retention:
      'While you represent the account; the account itself is a contract record kept five years after the contract ends.',
    empty: 'You belong to no client account.',
    layout: 'cards',
  },
  consents: {
    title: 'Your choices about cookies, emails and sharing',
    purpose: 'To respect your choices and be able to show what you chose and when.',
    recipients: STAFF,
    retention: 'Kept as evidence of consent; a new choice is a new record.',
    empty: 'No choice of yours is recorded against your account.',
    layout: 'table',
  },
  profileConsents: {
    title: 'Your choices about who sees each profile field',
    purpose:
      'Making a field visible to brands or the public is a consent you give on that field: we record each change with the notice you were shown.',
    recipients: STAFF,
    retention: 'Kept as evidence of consent; a withdrawal is a new record.',
    empty: 'You have not changed who may see any field of your profile.',
    layout: 'table',
  },
  eventNeedConsents: {
    title: 'Your consents about dietary and accessibility needs',
    purpose:
      'You told us your needs for an event only after agreeing to why we ask, who sees them and when they are deleted; each consent and withdrawal is recorded.',
    recipients: 'The event organisers named for that event and the client hosting it.',
    retention: 'Kept as evidence of consent, with the guest list.',
    empty: 'You have given no consent about dietary or accessibility needs.',
    layout: 'table',
  },
  policyAcknowledgements: {
    title: 'Privacy policy versions you acknowledged',
    purpose: 'To show you were told about material changes.',
    recipients: STAFF,
    retention: 'As long as your account record.',
    empty: 'You have not been asked to acknowledge a policy change.',
    layout: 'table',
  },
  eventGuests: {
    title: 'Events you were invited to',
    purpose:
      'To invite you, hear your answer, check you in at the door and, if you chose to tell us, cater for your dietary and accessibility needs.',
    recipients:
      'The event organisers at MM Group and the client hosting the event; your needs only the organisers named for that event and that client.',
    retention:
      'Your needs are deleted automatically after the event (30 days unless the event says otherwise); the guest list is kept with the project record.',
    empty: 'You are on no guest list.',
    layout: 'cards',
  },
  shortlists: {
    title: 'Campaigns you were proposed for',
    purpose:
      'The agency proposes creators to brands for campaigns; the brand sees only the profile fields you made visible to brands or public.',
    recipients:
      'The brand the shortlist was proposed to (your brand-visible and public fields only), and MM Group staff.',
    retention: 'With the campaign record.',
    empty: 'You have not been proposed to a brand.',
    layout: 'cards',
  },
  filesUploaded: {
    title: 'Files you uploaded',
    purpose:
      'The contracts, scans and media you attached to project records. Every version is in this download, as the exact bytes you uploaded (the fingerprint lets you check), in the folder "files".',
    recipients: 'The people cleared for each item under the need-to-know policy.',
    retention:
      'With the project record they belong to; removed when you ask us to erase your data, unless a legal hold keeps them.',
    empty: 'You have uploaded no file.',
    layout: 'cards',
  },
  itemsAuthored: {
    title: 'Project records you wrote (by reference)',
    purpose:
      'Engagement records of the client and the agency. Their content stays in the portal under the usual access rules.',
    recipients: 'The people cleared for each item under the need-to-know policy.',
    retention: 'Project content: 365 days after the project closes; deal terms: five years after the contract ends.',
    empty: 'You have written no project record.',
    layout: 'table',
  },
  memberships: {
    title: 'Project access you were given',
    purpose: 'To decide what you may see (need-to-know), and to prove who could see client data.',
    recipients: 'MM Group administrators, project members and the client of the project.',
    retention: 'As long as the project record, as evidence of who had access.',
    empty: 'You were given access to no project.',
    layout: 'table',
  },
  allowlists: {
    title: 'High-risk items you were cleared for',
    purpose: 'To limit the most sensitive logistics to named people.',
    recipients: 'MM Group administrators and the client of the project.',
    retention: 'As long as the item, as evidence of who had access.',
    empty: 'You were cleared for no high-risk item.',
    layout: 'table',
  },
  accessRequests: {
    title: 'Access you asked for',
    purpose: 'To decide requests for project access through the need-to-know policy.',
    recipients: 'MM Group administrators.',
    retention: 'As long as the project record.',
    empty: 'You have not asked for access.',
    layout: 'table',
  },
  ndaSignatures: {
    title: 'Confidentiality agreements you signed',
    purpose: 'To make sure access rests on a signed agreement (a legal obligation we owe our clients).',
    recipients: STAFF,
    retention: 'Kept as legal evidence, also after a deletion request.',
    empty: 'You have signed no confidentiality agreement.',
    layout: 'cards',
  },
  authorizations: {
    title: 'Written authorizations',
    purpose: 'To prove the permission behind anything shown publicly, or your request never to be associated publicly.',
    recipients: 'MM Group administrators and staff of the project concerned.',
    retention: 'Kept as legal evidence, also after a deletion request.',
    empty: 'There is no written authorization by you or your account.',
    layout: 'cards',
  },
  recipients: {
    title: 'Who received your data outside MM Group',
    purpose:
      'Every time your data is shared outside the agency (a brand, a vendor, an authority) it is recorded: who, where, what, why and on what legal basis.',
    recipients: 'This is the list itself.',
    retention: 'Kept as evidence of each disclosure, as long as the record it was made from.',
    empty: 'No disclosure of your data outside MM Group is recorded.',
    layout: 'cards',
  },
  privacyRequests: {
    title: 'Your privacy requests',
    purpose: 'To answer them within the legal deadlines and show that we did.',
    recipients: STAFF,
    retention: 'Kept as evidence of how we answered; unverified requests are deleted after 30 days.',
    empty: 'No privacy request is recorded.',
    layout: 'cards',
  },
  invitations: {
    title: 'Invitations sent to you',
    purpose: 'To open your account (accounts are invitation-only).',
    recipients: STAFF,
    retention: 'Unaccepted invitations are deleted three years after they were sent.',
    empty: 'No invitation was sent to you.',
    layout: 'table',
  },
  sessions: {
    title: 'Sign-ins',
    purpose: 'To keep you signed in, to let you and us end sessions, and to detect misuse.',
    recipients: STAFF,
    retention: 'While your account is open; sessions expire after twelve hours.',
    empty: 'No sign-in is recorded.',
    layout: 'table',
  },
  auditEvents: {
    title: 'The audit log: your actions and events about you',
    purpose: 'Security and accountability: every access to client data is recorded in a tamper-evident log.',
    recipients: 'MM Group administrators, and clients for events on their own projects.',
    retention: 'Kept unchanged as a security record; it names people only by a pseudonymous id.',
    empty: 'The audit log holds nothing about you.',
    layout: 'table',
  },
} as const satisfies Record<string, ExportCategory>;

export type ExportCategoryKey = keyof typeof EXPORT_CATALOGUE;

/**
 * The readable page's sections, in order, and the categories under each. The JSON lists the categories in
 * this order too. (The disclosure register, issue 15, fills `recipients` from lib/dal/privacy/export-data.ts.)
 */
export const EXPORT_SECTIONS: readonly { title: string; categories: readonly ExportCategoryKey[] }[] = [
  { title: 'Who you are to us', categories: ['account', 'profile', 'clientAccounts'] },
  {
    title: 'What you chose',
    categories: ['consents', 'profileConsents', 'eventNeedConsents', 'policyAcknowledgements'],
  },
  { title: 'Events and campaigns', categories: ['eventGuests', 'shortlists'] },
  {
    title: 'Your files and your work in the portal',
    categories: [
      'filesUploaded',
      'itemsAuthored',
      'memberships',
      'allowlists',
      'accessRequests',
      'ndaSignatures',
      'authorizations',
    ],
  },
  { title: 'Who received your data', categories: ['recipients'] },
  {
    title: 'Your requests, sign-ins and the audit log',
    categories: ['privacyRequests', 'invitations', 'sessions', 'auditEvents'],
  },
];

export const EXPORT_CATEGORY_ORDER: readonly ExportCategoryKey[] = EXPORT_SECTIONS.flatMap((s) => s.categories);

export const REDACTED = '[redacted: another person]';

/** Plain-language names of the fields of the records, for the readable page (the JSON keeps the keys). */
export const EXPORT_FIELD_LABELS: Record<string, string> = {
  id: 'Your id',
  name: 'Name',
  email: 'Email',
  role: 'Role',
  createdAt: 'Created',
  updatedAt: 'Last changed',
  disabledAt: 'Disabled',
  codename: 'Codename',
  kind: 'Kind',
  memberSince: 'Member since',
  zeroPublicAssociation: 'Never to be associated with us in public',
  signedInAt: 'Signed in',
  expiresAt: 'Expires',
  endedAt: 'Ended',
  ip: 'IP address',
  userAgent: 'Browser',
  project: 'Project',
  scopes: 'What you could see',
  grantedAt: 'Granted',
  revokedAt: 'Revoked',
  grantedBy: 'Granted by',
  item: 'Item',
  status: 'Status',
  agreement: 'Agreement',
  textSha256: 'Fingerprint of the text (SHA-256)',
  covers: 'Covers',
  signedAt: 'Signed',
  outcome: 'Outcome',
  signedText: 'Text you signed',
  signer: 'Signed by',
  purpose: 'What for',
  decision: 'Your choice',
  method: 'How you told us',
  policyVersion: 'Privacy policy version',
  at: 'When',
  version: 'Version',
  effectiveOn: 'In effect from',
  acknowledgedAt: 'Acknowledged',
  reference: 'Reference',
  jurisdiction: 'Law',
  details: 'Details',
  filedBy: 'Filed by',
  receivedAt: 'Received',
  dueOn: 'Answer due',
  extensionReason: 'Why it was extended',
  closedAt: 'Closed',
  refusalReason: 'Why it was refused',
  sentAt: 'Sent',
  acceptedAt: 'Accepted',
  invitedBy: 'Invited by',
  event: 'Event',
  startsAt: 'Starts',
  plusOnes: 'Plus-ones',
  invitedAt: 'Invited',
  respondedAt: 'Answered',
  dietaryNeeds: 'Dietary needs',
  accessibilityNeeds: 'Accessibility needs',
  needsGivenAt: 'Needs given',
  checkedInAt: 'Checked in at the door',
  reason: 'Reason',
  askedAt: 'Asked',
  decidedAt: 'Decided',
  file: 'File',
  size: 'Size',
  type: 'Type',
  sha256: 'Fingerprint (SHA-256)',
  complete: 'Upload finished',
  uploadedAt: 'Uploaded',
  inThisDownload: 'In this download',
  action: 'What happened',
  by: 'By',
  targetType: 'About',
  target: 'Which',
  field: 'Field',
  value: 'Value',
  visibility: 'Who may see it',
  from: 'Before',
  to: 'After',
  noticeVersion: 'Notice you were shown',
  brand: 'Brand',
  campaign: 'Campaign',
  proposedAt: 'Proposed',
  addedAt: 'Added to the shortlist',
  withdrawnAt: 'Withdrawn (the brand no longer sees you there)',
  recipient: 'Recipient',
  recipientKind: 'Kind of recipient',
  country: 'Country',
  dataCategories: 'What was shared',
  lawfulBasis: 'Legal basis',
  transferSafeguard: 'Transfer safeguard',
  disclosedOn: 'Shared on',
};

/** How coded values read on the page, by field (the JSON keeps the codes). */
export const EXPORT_VALUE_LABELS: Record<string, Record<string, string>> = {
  visibility: VISIBILITY_LABELS,
  field: PROFILE_FIELD_LABELS,
  from: { private: 'Private', brand: 'Brands', public: 'Public' },
  to: { private: 'Private', brand: 'Brands', public: 'Public' },
  decision: { granted: 'Agreed', denied: 'Declined', withdrawn: 'Withdrawn' },
  purpose: {
    analytics: 'Performance and analytics cookies',
    functional: 'Functionality cookies',
    marketing: 'Marketing cookies',
    marketing_email: 'Marketing emails',
    sale_sharing: 'Sale or sharing of your data',
    sensitive_use: 'Use of sensitive data',
  },
  method: {
    banner: 'The cookie banner',
    settings: 'Your privacy settings',
    gpc: 'Your browser’s Global Privacy Control signal',
    account: 'Your account',
    request: 'A privacy request',
  },
  status: {
    in_progress: 'In progress',
    invited: 'Invited',
    accepted: 'Accepted',
    declined: 'Declined',
    attended: 'Attended',
  },
  jurisdiction: { gdpr: 'GDPR / UK GDPR', california: 'California (CCPA/CPRA)', other: 'Other' },
};

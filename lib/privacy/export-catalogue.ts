/**
 * What each category of an access/portability export is, why Clearance holds it, who receives it and how long
 * it is kept: the explanations travel with the data (issue 6). Product wording, not legal advice.
 */
export type ExportCategory = { title: string; purpose: string; recipients: string; retention: string };

const STAFF = 'MM Group administrators; nobody outside MM Group.';

export const EXPORT_CATALOGUE = {
  account: {
    title: 'Your account',
    purpose: 'To let you sign in, to know who you are when you work in the portal, and to contact you about it.',
    recipients: STAFF,
    retention: 'While your account is open; afterwards as a business contact, three years after our last contact.',
  },
  clientAccounts: {
    title: 'Client accounts you belong to',
    purpose: 'To show you the engagements of the talent or brand you represent.',
    recipients: 'MM Group administrators, and the staff cleared for the client identity on each project.',
    retention: 'While you represent the account; the account itself is a contract record kept five years after the contract ends.',
  },
  sessions: {
    title: 'Sign-ins',
    purpose: 'To keep you signed in, to let you and us end sessions, and to detect misuse.',
    recipients: STAFF,
    retention: 'While your account is open; sessions expire after twelve hours.',
  },
  memberships: {
    title: 'Project access you were given',
    purpose: 'To decide what you may see (need-to-know), and to prove who could see client data.',
    recipients: 'MM Group administrators, project members and the client of the project.',
    retention: 'As long as the project record, as evidence of who had access.',
  },
  allowlists: {
    title: 'High-risk items you were cleared for',
    purpose: 'To limit the most sensitive logistics to named people.',
    recipients: 'MM Group administrators and the client of the project.',
    retention: 'As long as the item, as evidence of who had access.',
  },
  ndaSignatures: {
    title: 'Confidentiality agreements you signed',
    purpose: 'To make sure access rests on a signed agreement (a legal obligation we owe our clients).',
    recipients: STAFF,
    retention: 'Kept as legal evidence, also after a deletion request.',
  },
  authorizations: {
    title: 'Written authorizations',
    purpose: 'To prove the permission behind anything shown publicly, or your request never to be associated publicly.',
    recipients: 'MM Group administrators and staff of the project concerned.',
    retention: 'Kept as legal evidence, also after a deletion request.',
  },
  consents: {
    title: 'Your consent choices',
    purpose: 'To respect your choices and be able to show what you chose and when.',
    recipients: STAFF,
    retention: 'Kept as evidence of consent; a new choice is a new record.',
  },
  policyAcknowledgements: {
    title: 'Privacy policy versions you acknowledged',
    purpose: 'To show you were told about material changes.',
    recipients: STAFF,
    retention: 'As long as your account record.',
  },
  privacyRequests: {
    title: 'Your privacy requests',
    purpose: 'To answer them within the legal deadlines and show that we did.',
    recipients: STAFF,
    retention: 'Kept as evidence of how we answered; unverified requests are deleted after 30 days.',
  },
  invitations: {
    title: 'Invitations sent to you',
    purpose: 'To open your account (accounts are invitation-only).',
    recipients: STAFF,
    retention: 'Unaccepted invitations are deleted three years after they were sent.',
  },
  eventGuests: {
    title: 'Events you were invited to',
    purpose: 'To invite you, hear your answer, check you in at the door and, if you chose to tell us, cater for your dietary and accessibility needs.',
    recipients: 'The event organisers at MM Group and the client hosting the event; your needs only the organisers named for that event and that client.',
    retention: 'Your needs are deleted automatically after the event (30 days unless the event says otherwise); the guest list is kept with the project record.',
  },
  accessRequests: {
    title: 'Access you asked for',
    purpose: 'To decide requests for project access through the need-to-know policy.',
    recipients: 'MM Group administrators.',
    retention: 'As long as the project record.',
  },
  itemsAuthored: {
    title: 'Project records you wrote (by reference)',
    purpose: 'Engagement records of the client and the agency. Their content stays in the portal under the usual access rules.',
    recipients: 'The people cleared for each item under the need-to-know policy.',
    retention: 'Project content: 365 days after the project closes; deal terms: five years after the contract ends.',
  },
  filesUploaded: {
    title: 'Files you uploaded',
    purpose: 'The contracts, scans and media you attached to project records, each version listed with its name, size, type and SHA-256 fingerprint. Their content stays in the portal, encrypted, for the people cleared for the item; ask us for copies.',
    recipients: 'The people cleared for each item under the need-to-know policy.',
    retention: 'With the project record they belong to; removed when you ask us to erase your data, unless a legal hold keeps them.',
  },
  auditEvents: {
    title: 'The audit log: your actions and events about you',
    purpose: 'Security and accountability: every access to client data is recorded in a tamper-evident log.',
    recipients: 'MM Group administrators, and clients for events on their own projects.',
    retention: 'Kept unchanged as a security record; it names people only by a pseudonymous id.',
  },
} as const satisfies Record<string, ExportCategory>;

export type ExportCategoryKey = keyof typeof EXPORT_CATALOGUE;

export const REDACTED = '[redacted: another person]';

/** The retention rules of issue 6 / seed 002 §6: what each rule removes, and the defaults an admin can change. */

import type { PeriodUnit, RetentionRuleKey } from '../vocabulary';

export { RETENTION_PERIOD_UNITS, RETENTION_RULE_KEYS, type PeriodUnit, type RetentionRuleKey } from '../vocabulary';

export type RetentionRuleDefault = { key: RetentionRuleKey; periodValue: number; periodUnit: PeriodUnit };

export const DEFAULT_RETENTION_RULES: readonly RetentionRuleDefault[] = [
  { key: 'business_contacts', periodValue: 3, periodUnit: 'years' },
  { key: 'contract_records', periodValue: 5, periodUnit: 'years' },
  { key: 'project_content', periodValue: 365, periodUnit: 'days' },
  { key: 'unverified_requests', periodValue: 30, periodUnit: 'days' },
];

export const RETENTION_RULE_TEXT: Record<RetentionRuleKey, { title: string; after: string; removes: string }> = {
  business_contacts: {
    title: 'Business contacts',
    after: 'after the last contact (the latest sign-in, or the account’s creation)',
    removes:
      'De-identifies client and contractor accounts with no active project access (as a deletion would), and deletes invitations never accepted.',
  },
  contract_records: {
    title: 'Contract records',
    after: 'after the contract ends (the closed project’s end date)',
    removes:
      'Deletes the deal-terms items of closed projects. Signed NDAs and written authorizations are append-only legal evidence and stay.',
  },
  project_content: {
    title: 'Project content',
    after: 'after the project closes (its end date)',
    removes:
      'Deletes every other item of closed projects (logistics, creative, communications, credentials), with their allowlists.',
  },
  unverified_requests: {
    title: 'Unverified privacy requests',
    after: 'after they were received',
    removes: 'Deletes privacy requests whose requester never entered the emailed code, with their codes.',
  },
};

export const formatPeriod = (value: number, unit: PeriodUnit) => `${value} ${value === 1 ? unit.slice(0, -1) : unit}`;

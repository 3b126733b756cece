/**
 * What the privacy actions (issue 6) may answer and write for a caller with no business with them, for the
 * server-action tests (action-checks.ts `rulesFor`). The public privacy forms are public by design: anyone
 * may file a request (written, with its code email), ask for a new code, try a code, or record cookie choices.
 */
import {
  CHOICES_SAVED,
  CODE_RESENT,
  MARKETING_OFF,
  MARKETING_ON,
  POLICY_ACKNOWLEDGED,
  VERIFICATION_REFUSALS,
} from '@/lib/privacy/messages';

export const PUBLIC_PRIVACY_RULES = {
  refusals: VERIFICATION_REFUSALS,
  successes: [CODE_RESENT, CHOICES_SAVED],
  // sign_in_throttles: every public request and new code is counted per email and client address (issue 12).
  mayWrite: ['privacy_requests', 'privacy_request_codes', 'outbox_emails', 'consent_records', 'sign_in_throttles'],
  auditAllowed: ['privacy.request_received', 'privacy.request_code_resent'],
  /** Filing a request leads to its verification page. */
  redirects: /^\/privacy\/request\/[0-9a-f-]{36}(\/confirm)?$/,
} as const;

/** The signed-in person's own privacy page: their own choices and acknowledgements. */
export const ACCOUNT_PRIVACY_RULES = {
  successes: [MARKETING_ON, MARKETING_OFF, POLICY_ACKNOWLEDGED],
  auditAllowed: ['privacy.policy_acknowledged'],
} as const;

export const isPublicPrivacyAction = (file: string) => file.startsWith('app/(public)/privacy/');
export const isAccountPrivacyAction = (file: string) => file.startsWith('app/(portal)/account/privacy/');

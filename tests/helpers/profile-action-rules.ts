/**
 * What the profile actions (issue 14) may answer and write for a caller with no business with them, for the
 * server-action tests (action-checks.ts `rulesFor`). Editing one's profile is self-service: the outsider (a
 * contractor) holds a profile and may change their own fields, so their own rows (user_id) may change, the
 * edit is audited as theirs about themselves, and the form's own answers are allowed. Shortlists are not.
 */
import { CONSENT_NEEDED, FIELD_REMOVED, FIELD_SAVED, NOTICE_CHANGED } from '@/lib/profiles/messages';

export const PROFILE_SELF_RULES = {
  refusals: [CONSENT_NEEDED, NOTICE_CHANGED],
  successes: [FIELD_SAVED, FIELD_REMOVED],
} as const;

export const isProfileSelfAction = (file: string) => file.startsWith('app/(portal)/profile/');

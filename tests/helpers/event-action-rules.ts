/**
 * What the public RSVP actions (issue 14) may answer a caller without a valid link, for the server-action tests
 * (action-checks.ts `rulesFor`): the one "link not valid" answer, and nothing written.
 */
import { RSVP_INVALID } from '@/lib/events/needs-notice';

export const PUBLIC_RSVP_RULES = { refusals: [RSVP_INVALID] } as const;

export const isPublicRsvpAction = (file: string) => file.startsWith('app/(public)/rsvp/');

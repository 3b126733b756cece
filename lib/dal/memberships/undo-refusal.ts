import type { DenyReason } from '@/lib/authz';
import { invalid } from '@/lib/errors';

const UNDO_MESSAGES: Partial<Record<DenyReason, string>> = {
  undo_window_passed:
    'The minute to undo this has passed: the revocation stands. Grant access anew if it is still needed.',
  not_revoker: 'Only the administrator who revoked this can undo it.',
};

/** What a refused undo answers (checkUndoRevocation's reason), for memberships and allowlist entries alike. */
export const undoRefusal =
  (fallback: string) =>
  (reason: string): ReturnType<typeof invalid> =>
    invalid(UNDO_MESSAGES[reason as DenyReason] ?? fallback);

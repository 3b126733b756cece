import 'server-only';
import { sha256Hex } from '@/lib/crypto/tokens';

/**
 * Server-side sessions: the Auth.js cookie carries a random token and the row's id is its SHA-256, so ending a row
 * ends the session and nothing stored can be replayed as one.
 */

export const SESSION_HOURS = 12;

/** The row id of the session a cookie's token opens. */
export const sessionRowId = (token: string): string => sha256Hex(token);

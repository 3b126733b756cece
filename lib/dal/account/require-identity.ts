import 'server-only';
import { TOO_MANY_ATTEMPTS, WRONG_CREDENTIAL } from '@/lib/auth/messages';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '@/lib/dal/audit';
import { confirmIdentity } from './confirm-identity';
import type { SessionUser } from './read-session-user';

/** Re-authentication before a change to two-factor: a wrong or locked answer is the caller's error. */
export async function requireIdentity(
  user: SessionUser,
  credential: string,
  purpose: string,
  meta: RequestMeta,
  now: Date,
) {
  const result = await confirmIdentity(user, credential, { accept: 'password_or_code', purpose }, meta, now);
  if (result === 'locked') throw invalid(TOO_MANY_ATTEMPTS);
  if (result === 'wrong') throw invalid(WRONG_CREDENTIAL);
}

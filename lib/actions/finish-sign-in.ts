import 'server-only';
import { AuthError } from 'next-auth';
import { signIn } from '@/auth';
import { clearChallengeCookie } from '@/lib/auth/challenge-cookie';

/**
 * Hands a verified sign-in challenge to Auth.js, which opens the session (auth.ts `authorize`) and
 * redirects home. Returns false when the challenge is no longer good; Next's redirect propagates.
 */
export async function finishSignIn(token: string): Promise<false> {
  await clearChallengeCookie();
  try {
    await signIn('credentials', { challenge: token, redirectTo: '/' });
  } catch (error) {
    if (error instanceof AuthError) return false;
    throw error;
  }
  return false;
}

import 'server-only';
import { cookies } from 'next/headers';
import { CHALLENGE_MINUTES } from '@/lib/dal/sign-in/open-challenge';
import { env } from '@/lib/env';

/*
 * The browser's half of a sign-in in progress: the challenge token in an httpOnly, SameSite=Lax cookie scoped
 * to the sign-in pages, gone after five minutes. The database keeps only its hash.
 */

const NAME = 'clearance-sign-in';
const PATH = '/sign-in';

export async function setChallengeCookie(token: string): Promise<void> {
  (await cookies()).set(NAME, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.secureCookies,
    path: PATH,
    maxAge: CHALLENGE_MINUTES * 60,
  });
}

export async function readChallengeCookie(): Promise<string | null> {
  const value = (await cookies()).get(NAME)?.value;
  return value && value.length <= 200 ? value : null;
}

export async function clearChallengeCookie(): Promise<void> {
  (await cookies()).set(NAME, '', { httpOnly: true, sameSite: 'lax', path: PATH, maxAge: 0 });
}

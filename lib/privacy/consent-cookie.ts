import 'server-only';
import { randomBytes } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { env } from '@/lib/env';

/**
 * The one cookie privacy choices need: a random id for this browser, set only when a choice is made (it is
 * strictly necessary: it is how the choice is remembered). The choices themselves are consent records in the
 * database; the current state is the latest record for this id.
 */
export const CONSENT_COOKIE = 'clearance_consent';
export const CONSENT_COOKIE_DAYS = 180;

export const newBrowserId = () => randomBytes(16).toString('base64url');
export const isBrowserId = (value: string | undefined): value is string =>
  typeof value === 'string' && /^[\w-]{22}$/.test(value);

/** Global Privacy Control, as the request header says (`Sec-GPC: 1`). */
export const gpcFromHeaders = (h: Headers) => h.get('sec-gpc')?.trim() === '1';

export async function readConsentContext(): Promise<{ browserId: string | null; gpcSignal: boolean }> {
  const [store, h] = await Promise.all([cookies(), headers()]);
  const value = store.get(CONSENT_COOKIE)?.value;
  return { browserId: isBrowserId(value) ? value : null, gpcSignal: gpcFromHeaders(h) };
}

export async function rememberBrowser(browserId: string): Promise<void> {
  (await cookies()).set(CONSENT_COOKIE, browserId, {
    httpOnly: true,
    sameSite: 'lax',
    secure: env.secureCookies,
    path: '/',
    maxAge: CONSENT_COOKIE_DAYS * 86_400,
  });
}

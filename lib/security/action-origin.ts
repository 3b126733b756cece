import { env } from '@/lib/env';

/**
 * Server actions run only for pages of our own origin. Next.js compares a server action's Origin with
 * X-Forwarded-Host (or Host), both of which the caller writes, so a page elsewhere could post an action with
 * a forged X-Forwarded-Host. Here the one accepted origin is AUTH_URL's, the portal's public address, which no
 * request can change. Browsers send Origin with every POST, so a missing one is refused too.
 */

/** The portal's public origin (AUTH_URL's; lib/env.ts), or null when AUTH_URL is not set. */
function portalOrigin(): string | null {
  return env.appOriginConfigured ? env.appOrigin : null;
}

function originOf(value: string | null): string | null {
  try {
    return value ? new URL(value).origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether a request may go on. Anything that is not a server action (a POST with a `Next-Action` header)
 * passes. Without AUTH_URL (local development only; Auth.js needs it in production) the origin must match the
 * Host header, never X-Forwarded-Host.
 */
export function actionOriginAllowed(method: string, headers: Headers): boolean {
  if (method !== 'POST' || !headers.has('next-action')) return true;
  const origin = originOf(headers.get('origin'));
  if (!origin) return false;
  const expected = portalOrigin();
  if (expected) return origin === expected;
  return new URL(origin).host === headers.get('host');
}

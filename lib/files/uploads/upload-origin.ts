import { env } from '@/lib/env';

/**
 * An upload request that names another origin is refused (a page elsewhere riding on the user's cookie). The
 * accepted origin is the app's (env.appOrigin, from AUTH_URL), else, when AUTH_URL is unset, the Host header's; a
 * request without Origin (not a browser's cross-site request: browsers send one with every POST, PATCH and DELETE)
 * passes to the session check.
 */
export function uploadOriginAllowed(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (env.appOriginConfigured) return new URL(env.appOrigin).host === host;
  return host === headers.get('host');
}

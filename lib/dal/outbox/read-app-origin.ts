import 'server-only';
import { env } from '@/lib/env';

/** The public origin for links in emails: env.appOrigin, never the request's Host header (which a caller controls). */
export function appOrigin(): string {
  return env.appOrigin;
}

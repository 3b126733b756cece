import 'server-only';
import type { Tx } from '@/db/client';
import { sessions } from '@/db/schema';
import { randomToken } from '@/lib/crypto/tokens';
import type { RequestMeta } from '../audit';
import { SESSION_HOURS, sessionRowId } from './session-token';

/** Opens a session and returns its token, for the cookie only. */
export async function openSession(tx: Tx, userId: string, meta: RequestMeta, now: Date): Promise<string> {
  const token = randomToken();
  await tx.insert(sessions).values({
    id: sessionRowId(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
  });
  return token;
}

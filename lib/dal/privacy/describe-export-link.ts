import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { eq } from 'drizzle-orm';
import { privacyExports, privacyRequests } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/tokens';
import { formatRequestRef } from '@/lib/privacy/vocabulary';
import { withActor } from '../transaction';

export type ExportLinkView = { ref: string; expiresAt: Date; state: 'ready' | 'used' | 'expired' };

/** What the download page shows before anything is consumed; null for an unknown token. */
export async function describeExportLink(token: string, now = new Date()): Promise<ExportLinkView | null> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { credential: sha256Hex(token) });
    return tx
      .select({ ref: privacyRequests.ref, expiresAt: privacyExports.expiresAt, usedAt: privacyExports.usedAt })
      .from(privacyExports)
      .innerJoin(privacyRequests, eq(privacyRequests.id, privacyExports.requestId))
      .where(eq(privacyExports.tokenHash, sha256Hex(token)));
  });
  if (!row) return null;
  const state = row.usedAt ? 'used' : row.expiresAt <= now ? 'expired' : 'ready';
  return { ref: formatRequestRef(row.ref), expiresAt: row.expiresAt, state };
}

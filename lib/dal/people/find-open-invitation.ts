import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { invitations } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/tokens';
import { bindCredential } from '../account/bind-credential';
import { withActor } from '../transaction';

export const INVALID_INVITATION = 'This invitation link is not valid any more. Ask your administrator for a new one.';

/** An open invitation by its token, or null when unknown, used or expired (one answer for all three). */
export async function findOpenInvitation(token: string, now = new Date()) {
  const [row] = await withActor(
    null,
    async ({ tx }) => {
      await bindCredential(tx, { credential: sha256Hex(token) });
      return tx
        .select({ id: invitations.id, email: invitations.email, name: invitations.name, role: invitations.role })
        .from(invitations)
        .where(
          and(
            eq(invitations.tokenHash, sha256Hex(token)),
            isNull(invitations.acceptedAt),
            gt(invitations.expiresAt, now),
          ),
        );
    },
    { now },
  );
  return row ?? null;
}

import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { clientAccounts, ndaRequests, ndaVersions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

/** The admins' view of what was sent and how it was answered. */
export async function listNdaRequests(actor: Actor) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: ndaRequests.id,
        signer: users.name,
        agreement: ndaVersions.title,
        version: ndaVersions.version,
        scope: clientAccounts.codename,
        status: ndaRequests.status,
        sentAt: ndaRequests.sentAt,
        decidedAt: ndaRequests.decidedAt,
      })
      .from(ndaRequests)
      .innerJoin(users, eq(users.id, ndaRequests.userId))
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaRequests.ndaVersionId))
      .leftJoin(clientAccounts, eq(clientAccounts.id, ndaRequests.clientAccountId))
      .orderBy(desc(ndaRequests.sentAt))
      .limit(200),
  );
}

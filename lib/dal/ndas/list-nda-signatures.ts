import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { clientAccounts, ndaSignatures, ndaVersions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export async function listNdaSignatures(actor: Actor) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: ndaSignatures.id,
        signer: users.name,
        signerRole: users.role,
        agreement: sql<string>`${ndaVersions.title} || ' v' || ${ndaVersions.version}`,
        scope: sql<string>`coalesce(${clientAccounts.codename}, 'All clients')`,
        signedAt: ndaSignatures.signedAt,
        expiresAt: ndaSignatures.expiresAt,
        ip: ndaSignatures.ip,
        method: ndaSignatures.method,
        superseded: sql<boolean>`${ndaSignatures.supersededAt} is not null`,
      })
      .from(ndaSignatures)
      .innerJoin(users, eq(users.id, ndaSignatures.userId))
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
      .leftJoin(clientAccounts, eq(clientAccounts.id, ndaSignatures.clientAccountId))
      .orderBy(desc(ndaSignatures.signedAt)),
  );
}

import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { clientAccounts } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

/** The client-account administration page: the one place an admin sees clients' real names. */
export async function listClientAccounts(actor: Actor) {
  assertAllowed(actor, 'client.manage');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: clientAccounts.id,
        kind: clientAccounts.kind,
        name: clientAccounts.name,
        codename: clientAccounts.codename,
        zeroPublicAssociation: clientAccounts.zeroPublicAssociation,
        members: sql<string[]>`coalesce((select array_agg(u.name || ' <' || u.email || '>' order by u.name)
        from client_account_members cm join users u on u.id = cm.user_id where cm.client_account_id = ${clientAccounts.id}), '{}')`,
      })
      .from(clientAccounts)
      .orderBy(asc(clientAccounts.codename)),
  );
}

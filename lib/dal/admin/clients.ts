import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { clientAccounts } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { assertAllowed } from './guard';

/** The client-account administration page: the one place an admin sees clients' real names. */
export async function listClientAccounts(actor: Actor) {
  assertAllowed(actor, 'client.manage');
  return withActor(actor, ({ tx }) => tx
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
    .orderBy(asc(clientAccounts.codename)));
}

/** Codenames only, for choosing an account elsewhere in administration. */
export async function listClientAccountOptions(actor: Actor) {
  assertAllowed(actor, 'client.manage');
  return withActor(actor, ({ tx }) => tx
    .select({ id: clientAccounts.id, codename: clientAccounts.codename, kind: clientAccounts.kind })
    .from(clientAccounts)
    .orderBy(asc(clientAccounts.codename)));
}

export async function createClientAccount(
  actor: Actor,
  input: { kind: 'talent' | 'brand'; name: string; codename: string },
  meta: RequestMeta,
) {
  assertAllowed(actor, 'client.manage');
  return withActor(actor, async ({ tx, audit }) => {
    const [taken] = await tx.select({ id: clientAccounts.id }).from(clientAccounts).where(eq(sql`lower(${clientAccounts.codename})`, input.codename.toLowerCase()));
    if (taken) throw invalid('That codename is already in use.', { codename: ['Choose another codename.'] });
    const [row] = await tx.insert(clientAccounts).values(input).returning({ id: clientAccounts.id });
    audit({ actorId: actor.id, action: 'client.create', targetType: 'client_account', targetId: row!.id, outcome: 'allowed', details: { kind: input.kind }, meta });
    return { id: row!.id };
  });
}

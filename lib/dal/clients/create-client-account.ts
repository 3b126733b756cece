import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { clientAccounts } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export type CreateClientAccountInput = { kind: 'talent' | 'brand'; name: string; codename: string };

/** A new client account; its codename is unique regardless of case. */
export async function createClientAccount(actor: Actor, input: CreateClientAccountInput, meta: RequestMeta) {
  assertAllowed(actor, 'client.manage');
  return withActor(
    actor,
    async ({ tx, audit }) => {
      const [taken] = await tx
        .select({ id: clientAccounts.id })
        .from(clientAccounts)
        .where(eq(sql`lower(${clientAccounts.codename})`, input.codename.toLowerCase()));
      if (taken) throw invalid('That codename is already in use.', { codename: ['Choose another codename.'] });
      const [row] = await tx.insert(clientAccounts).values(input).returning({ id: clientAccounts.id });
      audit({
        actorId: actor.id,
        action: 'client.create',
        targetType: 'client_account',
        targetId: row!.id,
        outcome: 'allowed',
        details: { kind: input.kind },
        meta,
      });
      return { id: row!.id };
    },
    { meta },
  );
}

import 'server-only';
import { asc } from 'drizzle-orm';
import { clientAccounts } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

/** Codenames only, for choosing an account elsewhere in administration. */
export async function listClientAccountOptions(actor: Actor) {
  assertAllowed(actor, 'client.manage');
  return withActor(actor, ({ tx }) =>
    tx
      .select({ id: clientAccounts.id, codename: clientAccounts.codename, kind: clientAccounts.kind })
      .from(clientAccounts)
      .orderBy(asc(clientAccounts.codename)),
  );
}

import 'server-only';
import { asc } from 'drizzle-orm';
import { clientAccounts, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export type HoldTargets = {
  accounts: { id: string; codename: string }[];
  projects: { id: string; codename: string }[];
};

/** What a hold can be placed on: every client account and project, by codename. */
export async function listHoldTargets(actor: Actor): Promise<HoldTargets> {
  assertAllowed(actor, 'retention.manage');
  return withActor(actor, async ({ tx }) => ({
    accounts: await tx
      .select({ id: clientAccounts.id, codename: clientAccounts.codename })
      .from(clientAccounts)
      .orderBy(asc(clientAccounts.codename)),
    projects: await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .orderBy(asc(projectDirectory.codename)),
  }));
}

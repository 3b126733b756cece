import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { clientAccounts, projectDirectory, projects } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';

export type CreateProjectInput = {
  codename: string;
  clientAccountId: string;
  counterpartyAccountId?: string | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
};

export async function createProject(actor: Actor, input: CreateProjectInput, meta: RequestMeta) {
  assertAllowed(actor, 'project.create');
  if (input.counterpartyAccountId && input.counterpartyAccountId === input.clientAccountId) {
    throw invalid('The counterparty must be another client account.', {
      counterpartyAccountId: ['Choose another account.'],
    });
  }
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
    throw invalid('The end date comes before the start date.', { endsOn: ['After the start date.'] });
  }
  return withActor(actor, async ({ tx, audit }) => {
    const [taken] = await tx
      .select({ id: projectDirectory.id })
      .from(projectDirectory)
      .where(eq(sql`lower(${projectDirectory.codename})`, input.codename.toLowerCase()));
    if (taken) throw invalid('That codename is already in use.', { codename: ['Choose another codename.'] });
    const [ownerAccount] = await tx
      .select({ id: clientAccounts.id })
      .from(clientAccounts)
      .where(eq(clientAccounts.id, input.clientAccountId));
    if (!ownerAccount) throw invalid('Choose an existing client account.', { clientAccountId: ['Choose an account.'] });
    if (input.counterpartyAccountId) {
      const [brand] = await tx
        .select({ kind: clientAccounts.kind })
        .from(clientAccounts)
        .where(eq(clientAccounts.id, input.counterpartyAccountId));
      if (brand?.kind !== 'brand')
        throw invalid('The counterparty must be a brand account.', { counterpartyAccountId: ['Choose a brand.'] });
    }
    // No RETURNING: the administrator creates the project but may not read its row (row-level security).
    const id = randomUUID();
    await tx.insert(projects).values({
      id,
      codename: input.codename,
      clientAccountId: input.clientAccountId,
      counterpartyAccountId: input.counterpartyAccountId ?? null,
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
    });
    audit({
      actorId: actor.id,
      action: 'project.create',
      targetType: 'project',
      targetId: id,
      projectId: id,
      outcome: 'allowed',
      meta,
    });
    return { id };
  });
}

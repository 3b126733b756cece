import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb } from '@/db/client';
import { clientAccounts, projects } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import { recordAudit, type RequestMeta } from '../audit';
import { inTransaction } from '../transaction';
import { assertAllowed } from './guard';

const owner = alias(clientAccounts, 'owner');
const counterparty = alias(clientAccounts, 'counterparty');

/** Projects for access administration: codenames only, no content. */
export async function listProjectsForAdmin(actor: Actor) {
  assertAllowed(actor, 'membership.grant');
  const db = await getDb();
  return db
    .select({
      id: projects.id,
      codename: projects.codename,
      status: projects.status,
      ownerCodename: owner.codename,
      counterpartyCodename: counterparty.codename,
      activeMembers: sql<number>`(select count(distinct m.user_id)::int from memberships m where m.project_id = ${projects.id}
        and m.revoked_at is null and (m.expires_at is null or m.expires_at > now()))`,
    })
    .from(projects)
    .innerJoin(owner, eq(owner.id, projects.clientAccountId))
    .leftJoin(counterparty, eq(counterparty.id, projects.counterpartyAccountId))
    .orderBy(asc(projects.codename));
}

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
    throw invalid('The counterparty must be another client account.', { counterpartyAccountId: ['Choose another account.'] });
  }
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
    throw invalid('The end date comes before the start date.', { endsOn: ['After the start date.'] });
  }
  return inTransaction(actor, async (tx) => {
    const [taken] = await tx.select({ id: projects.id }).from(projects).where(eq(sql`lower(${projects.codename})`, input.codename.toLowerCase()));
    if (taken) throw invalid('That codename is already in use.', { codename: ['Choose another codename.'] });
    const [ownerAccount] = await tx.select({ id: clientAccounts.id }).from(clientAccounts).where(eq(clientAccounts.id, input.clientAccountId));
    if (!ownerAccount) throw invalid('Choose an existing client account.', { clientAccountId: ['Choose an account.'] });
    if (input.counterpartyAccountId) {
      const [brand] = await tx.select({ kind: clientAccounts.kind }).from(clientAccounts).where(eq(clientAccounts.id, input.counterpartyAccountId));
      if (brand?.kind !== 'brand') throw invalid('The counterparty must be a brand account.', { counterpartyAccountId: ['Choose a brand.'] });
    }
    const [row] = await tx
      .insert(projects)
      .values({
        codename: input.codename,
        clientAccountId: input.clientAccountId,
        counterpartyAccountId: input.counterpartyAccountId ?? null,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
      })
      .returning({ id: projects.id });
    await recordAudit(tx, { actorId: actor.id, action: 'project.create', targetType: 'project', targetId: row!.id, projectId: row!.id, outcome: 'allowed', meta });
    return { id: row!.id };
  });
}

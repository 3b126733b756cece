import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { alias } from 'drizzle-orm/pg-core';
import { clientAccounts, projectDirectory, projects } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { Page } from '@/lib/list-query';
import type { adminProjectListSchema } from '@/lib/validations/lists';
import { keyset, searchWhere, type SortKey } from '../list-page';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';

const owner = alias(clientAccounts, 'owner');
const counterparty = alias(clientAccounts, 'counterparty');

/** Projects for access administration: codenames only, from the directory (administrators read no project rows). */
export async function listProjectsForAdmin(actor: Actor) {
  assertAllowed(actor, 'membership.grant');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: projectDirectory.id,
        codename: projectDirectory.codename,
        status: projectDirectory.status,
        ownerCodename: owner.codename,
        counterpartyCodename: counterparty.codename,
        activeMembers: sql<number>`(select count(distinct m.user_id)::int from memberships m where m.project_id = ${projectDirectory.id}
          and m.revoked_at is null and (m.expires_at is null or m.expires_at > now()))`,
      })
      .from(projectDirectory)
      .innerJoin(owner, eq(owner.id, projectDirectory.clientAccountId))
      .leftJoin(counterparty, eq(counterparty.id, projectDirectory.counterpartyAccountId))
      .orderBy(asc(projectDirectory.codename)),
  );
}

export type AdminProjectRow = {
  id: string;
  codename: string;
  status: 'active' | 'closed';
  ownerCodename: string;
  counterpartyCodename: string | null;
  activeMembers: number;
};

/** One page of projects for access administration, searched by the codenames the page shows. */
export async function searchProjectsForAdmin(
  actor: Actor,
  params: z.output<typeof adminProjectListSchema>,
): Promise<Page<AdminProjectRow>> {
  assertAllowed(actor, 'membership.grant');
  const sorts: Record<typeof params.sort, SortKey> = {
    codename: { expr: sql`lower(${projectDirectory.codename})`, type: 'text' },
    client: { expr: sql`lower(${owner.codename})`, type: 'text' },
    status: { expr: sql`${projectDirectory.status}::text`, type: 'text' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${projectDirectory.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: projectDirectory.id,
        codename: projectDirectory.codename,
        status: projectDirectory.status,
        ownerCodename: owner.codename,
        counterpartyCodename: counterparty.codename,
        activeMembers: sql<number>`(select count(distinct m.user_id)::int from memberships m where m.project_id = ${projectDirectory.id}
          and m.revoked_at is null and (m.expires_at is null or m.expires_at > now()))`,
        ...page.columns,
      })
      .from(projectDirectory)
      .innerJoin(owner, eq(owner.id, projectDirectory.clientAccountId))
      .leftJoin(counterparty, eq(counterparty.id, projectDirectory.counterpartyAccountId))
      .where(
        and(
          searchWhere(params.q, [
            sql`${projectDirectory.codename}`,
            sql`${owner.codename}`,
            sql`${counterparty.codename}`,
          ]),
          params.status ? eq(projectDirectory.status, params.status) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  return page.page(rows);
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

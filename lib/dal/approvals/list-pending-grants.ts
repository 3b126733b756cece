import 'server-only';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { allowlistEntries, itemDirectory, projectDirectory, users } from '@/db/schema';
import { type Actor, type UserRole } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import { withActor } from '../transaction';

export type PendingGrant = {
  id: string;
  projectId: string;
  project: string;
  item: string;
  person: string;
  personRole: UserRole;
  reason: string;
  grantedBy: string;
  grantedAt: Date;
  expiresAt: Date | null;
};

const granter = alias(users, 'granter');

/** High-risk grants waiting for the actor's approval: on items of projects their client accounts own. */
export async function listPendingGrants(actor: Actor): Promise<PendingGrant[]> {
  if (actor.role !== 'client' || actor.disabled || actor.clientAccountIds.length === 0) return [];
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: allowlistEntries.id,
        projectId: projectDirectory.id,
        project: projectDirectory.codename,
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        person: users.name,
        personRole: users.role,
        reason: allowlistEntries.reason,
        grantedBy: granter.name,
        grantedAt: allowlistEntries.grantedAt,
        expiresAt: allowlistEntries.expiresAt,
      })
      .from(allowlistEntries)
      .innerJoin(itemDirectory, eq(itemDirectory.id, allowlistEntries.itemId))
      .innerJoin(projectDirectory, eq(projectDirectory.id, itemDirectory.projectId))
      .innerJoin(users, eq(users.id, allowlistEntries.userId))
      .leftJoin(granter, eq(granter.id, allowlistEntries.grantedBy))
      .where(
        and(
          eq(allowlistEntries.status, 'pending'),
          isNull(allowlistEntries.revokedAt),
          inArray(projectDirectory.clientAccountId, [...actor.clientAccountIds]),
        ),
      )
      .orderBy(asc(allowlistEntries.grantedAt)),
  );
  return rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    project: r.project,
    item: itemReference(r.category, r.ref),
    person: r.person,
    personRole: r.personRole,
    reason: r.reason,
    grantedBy: r.grantedBy ?? '—',
    grantedAt: r.grantedAt,
    expiresAt: r.expiresAt,
  }));
}

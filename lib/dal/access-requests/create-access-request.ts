import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { accessRequests, itemDirectory, memberships, users } from '@/db/schema';
import { can, type Actor, type ItemCategory, type Scope } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';

export type AccessRequestInput =
  | { kind: 'membership'; projectId: string; scopes: Scope[]; reason: string }
  | { kind: 'high_risk_item'; itemId: string; reason: string };

/** A staff member or contractor asks an admin for access; admins are told. */
export async function createAccessRequest(
  actor: Actor,
  input: AccessRequestInput,
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(actor, async ({ tx, audit }) => {
    let projectId: string;
    let itemId: string | null = null;
    let notHighRisk = false;
    let itemCategory: ItemCategory | null = null;
    let what: (projectLabel: string) => string;
    if (input.kind === 'high_risk_item') {
      const [item] = await tx
        .select({
          id: itemDirectory.id,
          projectId: itemDirectory.projectId,
          classification: itemDirectory.classification,
          category: itemDirectory.category,
          ref: itemDirectory.ref,
        })
        .from(itemDirectory)
        .where(eq(itemDirectory.id, input.itemId));
      if (!item) throw notFoundError();
      projectId = item.projectId;
      itemId = item.id;
      const label = itemReference(item.category, item.ref);
      notHighRisk = item.classification !== 'high_risk';
      itemCategory = item.category;
      what = (p) => `high-risk access to ${label} in ${p}`;
    } else {
      projectId = input.projectId;
      const scopes = input.scopes.join(', ');
      what = (p) => `membership of ${p} (${scopes})`;
    }
    const project = await loadProjectFacts(tx, actor, projectId);
    if (!project) throw notFoundError();
    const decision = can(actor, 'access_request.create', { type: 'project', project }, now);
    if (!decision.allowed) throw notFoundError();
    if (itemCategory) {
      // One item is asked for only on one's own projects, within one's scopes (as the form offers): anyone else
      // learns nothing about the item, not even whether it is high-risk.
      const at = sql`${now.toISOString()}::timestamptz`;
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.projectId, projectId),
            eq(memberships.userId, actor.id),
            sql`${memberships.revokedAt} is null and (${memberships.expiresAt} is null or ${memberships.expiresAt} > ${at})`,
            sql`(${memberships.role} = 'lead' or ${itemCategory}::text = any(${memberships.scopes}))`,
          ),
        );
      if (!member) throw notFoundError();
    }
    if (notHighRisk)
      throw invalid('Only high-risk items are asked for one by one; ask for membership of the project instead.');
    const [open] = await tx
      .select({ id: accessRequests.id })
      .from(accessRequests)
      .where(
        and(
          eq(accessRequests.requesterId, actor.id),
          eq(accessRequests.projectId, projectId),
          eq(accessRequests.status, 'open'),
          itemId ? eq(accessRequests.itemId, itemId) : sql`${accessRequests.itemId} is null`,
        ),
      );
    if (open) throw invalid('You already have an open request for this; an administrator will answer it.');
    const id = randomUUID();
    await tx.insert(accessRequests).values({
      id,
      requesterId: actor.id,
      kind: input.kind,
      projectId,
      itemId,
      scopes: input.kind === 'membership' ? input.scopes : [],
      reason: input.reason,
      createdAt: now,
    });
    audit({
      actorId: actor.id,
      action: 'access_request.create',
      targetType: itemId ? 'item' : 'project',
      targetId: itemId ?? projectId,
      projectId,
      outcome: 'allowed',
      details: { accessRequestId: id, kind: input.kind },
      meta,
    });
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'admin'), sql`${users.disabledAt} is null`));
    await notify(
      tx,
      { kind: 'access_request.created', userIds: admins.map((a) => a.id), projectId, subject: id, except: actor.id },
      (r, mention) => ({
        title: `Access request: ${mention(actor.id)} asks for ${what(r.projectLabel)}`,
        body: `${mention(actor.id)} asks for ${what(r.projectLabel)}. Reason: ${input.reason}`,
        href: '/admin/requests',
      }),
    );
    return { id };
  });
}

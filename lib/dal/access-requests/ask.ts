import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { accessRequests, itemDirectory, memberships, projectDirectory, users } from '@/db/schema';
import { can, ndaCoversClient, type Actor, type ItemCategory, type Scope } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';

export type AccessRequestInput =
  | { kind: 'membership'; projectId: string; scopes: Scope[]; reason: string }
  | { kind: 'high_risk_item'; itemId: string; reason: string };

/**
 * What an agency person can ask for: membership of a project whose client an NDA of theirs covers (by codename), and the high-risk items of
 * their own projects, in their scopes, that they are not on the allowlist of (by reference, never by title).
 */
export async function getAccessRequestOptions(actor: Actor, now = new Date()) {
  return withActor(actor, async ({ tx }) => {
    const at = sql`${now.toISOString()}::timestamptz`;
    // Only projects whose client an NDA of theirs covers: without one, no access can be granted (SPEC §4).
    const projects = await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .where(ndaCoversClient(actor.id, sql`${projectDirectory.clientAccountId}`, now))
      .orderBy(asc(projectDirectory.codename));
    const items = await tx
      .select({
        id: itemDirectory.id,
        ref: itemDirectory.ref,
        category: itemDirectory.category,
        project: projectDirectory.codename,
      })
      .from(itemDirectory)
      .innerJoin(projectDirectory, eq(projectDirectory.id, itemDirectory.projectId))
      .where(
        and(
          eq(itemDirectory.classification, 'high_risk'),
          sql`exists (select 1 from memberships m where m.project_id = ${itemDirectory.projectId} and m.user_id = ${actor.id}
            and m.revoked_at is null and (m.expires_at is null or m.expires_at > ${at})
            and (m.role = 'lead' or ${itemDirectory.category}::text = any(m.scopes)))`,
          sql`not exists (select 1 from allowlist_entries a where a.item_id = ${itemDirectory.id} and a.user_id = ${actor.id}
            and a.status = 'active' and a.revoked_at is null and (a.expires_at is null or a.expires_at > ${at}))`,
        ),
      )
      .orderBy(asc(projectDirectory.codename), asc(itemDirectory.ref));
    return {
      projects,
      items: items.map((i) => ({
        id: i.id,
        label: `${i.project}: ${itemReference(i.category, i.ref)}`,
      })),
    };
  });
}

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

/** The requester's own requests (row-level security shows no one else's). */
export async function listMyAccessRequests(actor: Actor) {
  return withActor(actor, async ({ tx }) => {
    const rows = await tx
      .select({
        id: accessRequests.id,
        kind: accessRequests.kind,
        project: projectDirectory.codename,
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        scopes: accessRequests.scopes,
        reason: accessRequests.reason,
        status: accessRequests.status,
        createdAt: accessRequests.createdAt,
        decisionReason: accessRequests.decisionReason,
      })
      .from(accessRequests)
      .innerJoin(projectDirectory, eq(projectDirectory.id, accessRequests.projectId))
      .leftJoin(itemDirectory, eq(itemDirectory.id, accessRequests.itemId))
      .where(eq(accessRequests.requesterId, actor.id))
      .orderBy(desc(accessRequests.createdAt));
    return rows.map(({ category, ref, ...r }) => ({
      ...r,
      item: category && ref !== null ? itemReference(category, ref) : null,
    }));
  });
}

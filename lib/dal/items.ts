import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { allowlistEntries, clientAccounts, items, memberships, projects, users } from '@/db/schema';
import {
  can,
  initialClassification,
  isAgency,
  type Actor,
  type Classification,
  type ItemCategory,
  type ItemFacts,
  type ProjectFacts,
} from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import type { AuditEntry, RequestMeta } from './audit';
import { loadItemWithFacts, loadProjectFacts } from './facts';
import { refuse, withActor } from './transaction';

export type ItemView = {
  id: string;
  ref: number;
  title: string;
  body: string;
  category: ItemCategory;
  classification: Classification;
  sharedWithCounterparty: boolean;
  createdAt: Date;
  updatedAt: Date;
  authorName: string;
  project: { id: string; codename: string; clientName: string | null };
  canEdit: boolean;
  canClassify: boolean;
};

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

/**
 * Reads one item for the actor. The decision, the read and its audit event share one transaction: if the
 * event cannot be written, nothing is returned. Denied and missing items both answer null.
 */
export async function readItem(actor: Actor, itemId: string, meta: RequestMeta, now = new Date()): Promise<ItemView | null> {
  return withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadItemWithFacts(tx, actor, itemId);
    const policy = loaded
      ? can(actor, 'item.read', { type: 'item', project: loaded.project, item: loaded.item }, now)
      : ({ allowed: false, reason: 'not_found' } as const);
    // Row-level security is the second wall: content it hides is not served, whatever the policy said.
    const decision = policy.allowed && loaded?.row.title === null ? ({ allowed: false, reason: 'database_denied' } as const) : policy;
    audit({
      actorId: actor.id,
      action: 'item.read',
      targetType: 'item',
      targetId: itemId,
      projectId: loaded?.project.id ?? null,
      outcome: decision.allowed ? 'allowed' : 'denied',
      reason: decision.allowed ? null : decision.reason,
      meta,
    });
    if (!loaded || !decision.allowed) return null;

    const { row, project, item } = loaded;
    const resource = { type: 'item', project, item } as const;
    const showIdentity = can(actor, 'project.view_identity', { type: 'project', project }, now).allowed;
    const [names] = await tx
      .select({ codename: projects.codename, clientName: clientAccounts.name, authorName: users.name })
      .from(projects)
      .innerJoin(clientAccounts, eq(clientAccounts.id, projects.clientAccountId))
      .innerJoin(users, eq(users.id, sql`${row.author_id}::uuid`))
      .where(eq(projects.id, project.id));
    return {
      id: row.id,
      ref: Number(row.ref),
      title: row.title ?? '',
      body: row.body ?? '',
      category: row.category,
      classification: row.classification,
      sharedWithCounterparty: row.shared_with_counterparty,
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
      authorName: names?.authorName ?? '',
      project: { id: project.id, codename: names?.codename ?? '', clientName: showIdentity ? (names?.clientName ?? null) : null },
      canEdit: can(actor, 'item.edit', resource, now).allowed,
      canClassify: can(actor, 'item.classify', resource, now).allowed,
    };
  });
}

/** Agency members of a project who may be put on a new high-risk item's allowlist. */
export async function listAllowlistCandidates(actor: Actor, projectId: string, now = new Date()) {
  return withActor(actor, async ({ tx }) => {
    const facts = await loadProjectFacts(tx, actor, projectId);
    if (!facts || !can(actor, 'project.view', { type: 'project', project: facts }, now).allowed) return [];
    return activeAgencyMembers(tx, projectId, now);
  });
}

async function activeAgencyMembers(tx: Tx, projectId: string, now: Date, onlyLeads = false) {
  const rows = await tx
    .selectDistinct({ id: users.id, name: users.name, role: users.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.projectId, projectId),
        isNull(memberships.revokedAt),
        or(isNull(memberships.expiresAt), gt(memberships.expiresAt, now)),
        isNull(users.disabledAt),
        onlyLeads ? eq(memberships.role, 'lead') : undefined,
      ),
    );
  return rows.filter((r) => isAgency(r.role)).map(({ id, name }) => ({ id, name }));
}

export type CreateItemInput = {
  projectId: string;
  category: ItemCategory;
  classification: Classification;
  sharedWithCounterparty: boolean;
  title: string;
  body: string;
  allowlistUserIds: string[];
};

export async function createItem(actor: Actor, input: CreateItemInput, meta: RequestMeta, now = new Date()): Promise<{ id: string }> {
  return withActor(actor, async ({ tx, audit }) => {
    const project = await loadProjectFacts(tx, actor, input.projectId);
    if (!project || !can(actor, 'project.view', { type: 'project', project }, now).allowed) throw notFoundError();
    const decision = can(actor, 'item.create', { type: 'new_item', project, category: input.category }, now);
    if (!decision.allowed) {
      throw invalid('You cannot add items of this category to this project.', { category: ['Not within your access.'] });
    }
    const classification = initialClassification(actor, input.category, input.classification);
    // Classification choices and counterparty sharing are the lead's: ask the policy about the item as it will be.
    const draft: ItemFacts = {
      id: 'new',
      category: input.category,
      classification: 'confidential',
      sharedWithCounterparty: false,
      authorId: actor.id,
      allowlist: [{ expiresAt: null, revokedAt: null }],
    };
    const mayClassify = can(actor, 'item.classify', { type: 'item', project, item: draft }, now).allowed;
    if (input.sharedWithCounterparty && !mayClassify) {
      throw invalid('Only the project lead can share an item with the counterparty.', {
        sharedWithCounterparty: ['Only the project lead can set this.'],
      });
    }
    if (input.sharedWithCounterparty && classification === 'high_risk') {
      throw invalid('High-risk items are never shared with the counterparty.', {
        sharedWithCounterparty: ['Not available for high-risk items.'],
      });
    }

    // The id is made here, not returned by the insert: a new high-risk item is not readable (RETURNING is a
    // read under row-level security) until its allowlist exists.
    const created = { id: randomUUID() };
    await tx.insert(items).values({
        id: created.id,
        projectId: input.projectId,
        category: input.category,
        classification,
        sharedWithCounterparty: input.sharedWithCounterparty,
        title: input.title,
        body: input.body,
        authorId: actor.id,
      });

    if (classification === 'high_risk') {
      await addInitialAllowlist(tx, actor, project, created.id, input.allowlistUserIds, now);
    }
    audit({
      actorId: actor.id,
      action: 'item.create',
      targetType: 'item',
      targetId: created.id,
      projectId: input.projectId,
      outcome: 'allowed',
      details: { category: input.category, classification },
      meta,
    });
    return created;
  });
}

/** The author is always on a new high-risk item's list; a client's hand-over goes to the project's leads. */
async function addInitialAllowlist(tx: Tx, actor: Actor, project: ProjectFacts, itemId: string, requested: string[], now: Date) {
  // A client hands an item over to the project's leads; only agency authors choose the rest of the list.
  if (actor.role === 'client') requested = [];
  const members = await activeAgencyMembers(tx, project.id, now);
  const memberIds = new Set(members.map((m) => m.id));
  const unknown = requested.filter((id) => !memberIds.has(id));
  if (unknown.length > 0) {
    throw invalid('The allowlist may only name current members of this project.', { allowlistUserIds: ['Pick project members only.'] });
  }
  const leads = actor.role === 'client' ? (await activeAgencyMembers(tx, project.id, now, true)).map((m) => m.id) : [];
  const userIds = new Set([...(isAgency(actor.role) ? [actor.id] : []), ...requested, ...leads]);
  if (userIds.size === 0) return;
  await tx.insert(allowlistEntries).values(
    [...userIds].map((userId) => ({
      userId,
      itemId,
      reason: userId === actor.id ? 'Author of the item' : 'Named when the item was created',
      grantedBy: actor.id,
    })),
  );
}

/** Loads the item for a write; when the actor may not even read it, the denial is audited and null returned. */
async function loadForWrite(tx: Tx, audit: (e: AuditEntry) => void, actor: Actor, itemId: string, action: string, meta: RequestMeta, now: Date) {
  const loaded = await loadItemWithFacts(tx, actor, itemId);
  const read = loaded
    ? can(actor, 'item.read', { type: 'item', project: loaded.project, item: loaded.item }, now)
    : ({ allowed: false, reason: 'not_found' } as const);
  if (!loaded || !read.allowed || loaded.row.title === null) {
    audit({ actorId: actor.id, action, targetType: 'item', targetId: itemId, projectId: loaded?.project.id ?? null, outcome: 'denied', reason: read.allowed ? 'database_denied' : read.reason, meta });
    return null;
  }
  return loaded;
}

export async function updateItem(
  actor: Actor,
  input: { itemId: string; title: string; body: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadForWrite(tx, audit, actor, input.itemId, 'item.edit', meta, now);
    // The denial's audit event commits; the answer is the same as for an item that does not exist.
    if (!loaded) return refuse(notFoundError());
    const decision = can(actor, 'item.edit', { type: 'item', project: loaded.project, item: loaded.item }, now);
    if (!decision.allowed) {
      audit({ actorId: actor.id, action: 'item.edit', targetType: 'item', targetId: input.itemId, projectId: loaded.project.id, outcome: 'denied', reason: decision.reason, meta });
      return refuse(invalid('Only the author or the project lead can edit this item.'));
    }
    await tx.update(items).set({ title: input.title, body: input.body, updatedAt: now }).where(eq(items.id, input.itemId));
    audit({ actorId: actor.id, action: 'item.edit', targetType: 'item', targetId: input.itemId, projectId: loaded.project.id, outcome: 'allowed', meta });
  });
}

export async function classifyItem(
  actor: Actor,
  input: { itemId: string; classification: Classification; sharedWithCounterparty: boolean },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadForWrite(tx, audit, actor, input.itemId, 'item.classify', meta, now);
    if (!loaded) return refuse(notFoundError());
    const { project, item } = loaded;
    const decision = can(actor, 'item.classify', { type: 'item', project, item }, now);
    if (!decision.allowed) {
      audit({ actorId: actor.id, action: 'item.classify', targetType: 'item', targetId: item.id, projectId: project.id, outcome: 'denied', reason: decision.reason, meta });
      return refuse(invalid('Only the project lead can change classification or sharing.'));
    }
    if (item.category === 'credentials' && input.classification !== 'high_risk') {
      throw invalid('Credentials are always high-risk.', { classification: ['Credentials are always high-risk.'] });
    }
    if (input.classification === 'high_risk' && input.sharedWithCounterparty) {
      throw invalid('High-risk items are never shared with the counterparty.', {
        sharedWithCounterparty: ['Not available for high-risk items.'],
      });
    }
    if (input.classification === 'high_risk' && item.classification !== 'high_risk') {
      // Raising an item to high-risk keeps the lead who did it, and an agency author, able to read it.
      const keep = [actor.id, loaded.row.author_id];
      const authors = await tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, keep));
      const already = await tx
        .select({ userId: allowlistEntries.userId })
        .from(allowlistEntries)
        .where(and(eq(allowlistEntries.itemId, item.id), isNull(allowlistEntries.revokedAt)));
      const have = new Set(already.map((a) => a.userId));
      const add = authors.filter((u) => isAgency(u.role) && !have.has(u.id));
      if (add.length > 0) {
        await tx.insert(allowlistEntries).values(
          add.map((u) => ({ userId: u.id, itemId: item.id, reason: 'Kept on when raised to high-risk', grantedBy: actor.id })),
        );
      }
    }
    await tx
      .update(items)
      .set({ classification: input.classification, sharedWithCounterparty: input.sharedWithCounterparty, updatedAt: now })
      .where(eq(items.id, item.id));
    audit({
      actorId: actor.id,
      action: 'item.classify',
      targetType: 'item',
      targetId: item.id,
      projectId: project.id,
      outcome: 'allowed',
      details: { classification: input.classification, sharedWithCounterparty: input.sharedWithCounterparty },
      meta,
    });
  });
}

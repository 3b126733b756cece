import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { allowlistEntries, items } from '@/db/schema';
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
import type { Sealed } from '@/lib/crypto/envelope';
import { invalid, notFoundError } from '@/lib/errors';
import type { AuditEntry, RequestMeta } from './audit';
import { loadItemWithFacts, loadProjectFacts } from './facts';
import { contentColumns, mustSeal, openContent, parseSealed } from '@/lib/crypto/item-content';
import { activeAgencyMembers } from './items-read';
import { refuse, withActor } from './transaction';

export type CreateItemInput = {
  projectId: string;
  category: ItemCategory;
  classification: Classification;
  sharedWithCounterparty: boolean;
  title: string;
  body: string;
  allowlistUserIds: string[];
  /** A credentials item's secret value (a password, a token): stored sealed, apart from the content. */
  secret?: string;
};

const secretOnlyForCredentials = () =>
  invalid('Only credentials items hold a secret value.', { secret: ['Only credentials items hold a secret value.'] });

export async function createItem(
  actor: Actor,
  input: CreateItemInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ id: string }> {
  return withActor(actor, async ({ tx, audit }) => {
    const project = await loadProjectFacts(tx, actor, input.projectId);
    if (!project || !can(actor, 'project.view', { type: 'project', project }, now).allowed) throw notFoundError();
    const decision = can(actor, 'item.create', { type: 'new_item', project, category: input.category }, now);
    if (!decision.allowed) {
      throw invalid('You cannot add items of this category to this project.', {
        category: ['Not within your access.'],
      });
    }
    if (input.secret && input.category !== 'credentials') throw secretOnlyForCredentials();
    const classification = initialClassification(actor, input.category, input.classification);
    // Classification choices and counterparty sharing are the lead's: ask the policy about the item as it will be.
    const draft: ItemFacts = {
      id: 'new',
      category: input.category,
      classification: 'confidential',
      sharedWithCounterparty: false,
      authorId: actor.id,
      allowlist: [{ status: 'active', expiresAt: null, revokedAt: null }],
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
    // read under row-level security) until its allowlist exists. It is also the sealed content's context.
    const created = { id: randomUUID() };
    const sealed = mustSeal(input.category, classification);
    await tx.insert(items).values({
      id: created.id,
      projectId: input.projectId,
      category: input.category,
      classification,
      sharedWithCounterparty: input.sharedWithCounterparty,
      ...contentColumns(
        created.id,
        { title: input.title, body: input.body },
        sealed,
        input.secret ? { set: input.secret } : undefined,
      ),
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
      details: { category: input.category, classification, sealed },
      meta,
    });
    return created;
  });
}

/** The author is always on a new high-risk item's list; a client's hand-over goes to the project's leads. */
async function addInitialAllowlist(
  tx: Tx,
  actor: Actor,
  project: ProjectFacts,
  itemId: string,
  requested: string[],
  now: Date,
) {
  // A client hands an item over to the project's leads; only agency authors choose the rest of the list.
  if (actor.role === 'client') requested = [];
  const members = await activeAgencyMembers(tx, project.id, now);
  const memberIds = new Set(members.map((m) => m.id));
  const unknown = requested.filter((id) => !memberIds.has(id));
  if (unknown.length > 0) {
    throw invalid('The allowlist may only name current members of this project.', {
      allowlistUserIds: ['Pick project members only.'],
    });
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
export async function loadForWrite(
  tx: Tx,
  audit: (e: AuditEntry) => void,
  actor: Actor,
  itemId: string,
  action: string,
  meta: RequestMeta,
  now: Date,
) {
  const loaded = await loadItemWithFacts(tx, actor, itemId);
  const read = loaded
    ? can(actor, 'item.read', { type: 'item', project: loaded.project, item: loaded.item }, now)
    : ({ allowed: false, reason: 'not_found' } as const);
  if (!loaded || !read.allowed || !loaded.row.content_visible) {
    audit({
      actorId: actor.id,
      action,
      targetType: 'item',
      targetId: itemId,
      projectId: loaded?.project.id ?? null,
      outcome: 'denied',
      reason: read.allowed ? 'database_denied' : read.reason,
      meta,
    });
    return null;
  }
  return loaded;
}

/** The stored content of a loaded row, decrypted: for writes that move content between plain and sealed. */
export const loadedContent = (row: { id: string; title: string | null; body: string | null; sealed: unknown }) =>
  openContent({ id: row.id, title: row.title, body: row.body, sealed: row.sealed ? parseSealed(row.sealed) : null });

export async function updateItem(
  actor: Actor,
  input: { itemId: string; title: string; body: string; secret?: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadForWrite(tx, audit, actor, input.itemId, 'item.edit', meta, now);
    // The denial's audit event commits; the answer is the same as for an item that does not exist.
    if (!loaded) return refuse(notFoundError());
    const decision = can(actor, 'item.edit', { type: 'item', project: loaded.project, item: loaded.item }, now);
    if (!decision.allowed) {
      audit({
        actorId: actor.id,
        action: 'item.edit',
        targetType: 'item',
        targetId: input.itemId,
        projectId: loaded.project.id,
        outcome: 'denied',
        reason: decision.reason,
        meta,
      });
      return refuse(invalid('Only the author or the project lead can edit this item.'));
    }
    const { item } = loaded;
    if (input.secret && item.category !== 'credentials') throw secretOnlyForCredentials();
    const sealContent = mustSeal(item.category, item.classification);
    // A blank secret keeps the stored one (re-wrapped with the new content's key, never decrypted).
    let keep: Sealed | null = null;
    if (sealContent && !input.secret && loaded.row.has_secret) {
      const [stored] = await tx.select({ secretSealed: items.secretSealed }).from(items).where(eq(items.id, item.id));
      keep = stored?.secretSealed ?? null;
    }
    const secret = input.secret ? { set: input.secret } : { keep };
    await tx
      .update(items)
      .set({
        ...contentColumns(item.id, { title: input.title, body: input.body }, sealContent, secret),
        updatedAt: now,
      })
      .where(eq(items.id, item.id));
    audit({
      actorId: actor.id,
      action: 'item.edit',
      targetType: 'item',
      targetId: input.itemId,
      projectId: loaded.project.id,
      outcome: 'allowed',
      details: input.secret ? { secretChanged: true } : undefined,
      meta,
    });
  });
}

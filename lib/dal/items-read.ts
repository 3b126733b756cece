import 'server-only';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { can, isAgency, type Actor, type Classification, type ItemCategory } from '@/lib/authz';
import type { RequestMeta } from './audit';
import { loadItemWithFacts, loadProjectFacts } from './facts';
import { openContent, parseSealed } from '@/lib/crypto/item-content';
import { withActor } from './transaction';

export type ItemView = {
  id: string;
  ref: number;
  title: string;
  body: string;
  category: ItemCategory;
  classification: Classification;
  sharedWithCounterparty: boolean;
  /** Whether the content is encrypted at rest (high-risk and credentials). */
  sealed: boolean;
  /** A credentials item with a stored secret value: shown masked, revealed one at a time (lib/dal/vault.ts). */
  hasSecret: boolean;
  createdAt: Date;
  updatedAt: Date;
  authorName: string;
  project: { id: string; codename: string; clientName: string | null };
  canEdit: boolean;
  canClassify: boolean;
  canReveal: boolean;
};

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));

/**
 * Reads one item for the actor. The decision, the read and its audit event share one transaction: if the
 * event cannot be written, nothing is returned. Denied and missing items both answer null. Sealed content
 * is decrypted only once the policy and row-level security have both allowed the read; a credentials
 * item's secret value is never part of the answer.
 */
export async function readItem(
  actor: Actor,
  itemId: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<ItemView | null> {
  return withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadItemWithFacts(tx, actor, itemId);
    const policy = loaded
      ? can(actor, 'item.read', { type: 'item', project: loaded.project, item: loaded.item }, now)
      : ({ allowed: false, reason: 'not_found' } as const);
    // Row-level security is the second wall: content it hides is not served, whatever the policy said.
    const decision =
      policy.allowed && !loaded?.row.content_visible
        ? ({ allowed: false, reason: 'database_denied' } as const)
        : policy;
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
    const content = openContent({
      id: row.id,
      title: row.title,
      body: row.body,
      sealed: row.sealed ? parseSealed(row.sealed) : null,
    });
    const resource = { type: 'item', project, item } as const;
    const showIdentity = can(actor, 'project.view_identity', { type: 'project', project }, now).allowed;
    return {
      id: row.id,
      ref: Number(row.ref),
      title: content.title,
      body: content.body,
      category: row.category,
      classification: row.classification,
      sharedWithCounterparty: row.shared_with_counterparty,
      sealed: row.sealed !== null,
      hasSecret: row.has_secret,
      createdAt: toDate(row.created_at),
      updatedAt: toDate(row.updated_at),
      authorName: row.author_name ?? '',
      project: { id: project.id, codename: row.codename, clientName: showIdentity ? row.client_name : null },
      canEdit: can(actor, 'item.edit', resource, now).allowed,
      canClassify: can(actor, 'item.classify', resource, now).allowed,
      canReveal: row.has_secret && can(actor, 'item.reveal', resource, now).allowed,
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

export async function activeAgencyMembers(tx: Tx, projectId: string, now: Date, onlyLeads = false) {
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

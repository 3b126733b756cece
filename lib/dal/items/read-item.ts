import 'server-only';
import { can, type Actor, type Classification, type ItemCategory } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadItemWithFacts } from '../facts';
import { openContent, parseSealed } from '@/lib/crypto/item-content';
import { withActor } from '../transaction';

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
  /** A credentials item with a stored secret value: shown masked, revealed one at a time (lib/dal/credentials). */
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
  // A refused read answers null: this refusal is recognised below, and only this one.
  const hidden = notFoundError();
  try {
    return await withActor(
      actor,
      async ({ tx, enforce, deny }) => {
        const loaded = await loadItemWithFacts(tx, actor, itemId);
        const event = { action: 'item.read', targetType: 'item', targetId: itemId } as const;
        if (!loaded) return deny({ ...event, projectId: null, reason: 'not_found' }, hidden);
        const { row, project, item } = loaded;
        const resource = { type: 'item', project, item } as const;
        const policy = can(actor, 'item.read', resource, now);
        // Row-level security is the second wall: content it hides is not served, whatever the policy said.
        if (policy.allowed && !row.content_visible) {
          return deny({ ...event, projectId: project.id, reason: 'database_denied' }, hidden);
        }
        enforce(policy, { ...event, projectId: project.id }, hidden);

        const content = openContent({
          id: row.id,
          title: row.title,
          body: row.body,
          sealed: row.sealed ? parseSealed(row.sealed) : null,
        });
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
      },
      { meta, now },
    );
  } catch (error) {
    if (error === hidden) return null;
    throw error;
  }
}

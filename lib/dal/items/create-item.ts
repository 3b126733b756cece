import 'server-only';
import { randomUUID } from 'node:crypto';
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
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { contentColumns, mustSeal } from '@/lib/crypto/item-content';
import { activeAgencyMembers } from './load-agency-members';
import { withActor } from '../transaction';

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

export const secretOnlyForCredentials = () =>
  invalid('Only credentials items hold a secret value.', { secret: ['Only credentials items hold a secret value.'] });

export async function createItem(
  actor: Actor,
  input: CreateItemInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ id: string }> {
  return withActor(
    actor,
    async ({ tx, audit }) => {
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
    },
    { meta, now },
  );
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

import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { accessRequests, clientAccounts, itemDirectory, projectDirectory, users } from '@/db/schema';
import { ndaCoversClient, type Actor, type Scope } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { Page } from '@/lib/list-query';
import type { accessRequestListSchema } from '@/lib/validations/lists';
import type { z } from 'zod';
import type { RequestMeta } from '../audit';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { alreadyDecided, transition } from '../transition';
import { grantMembershipTx } from '../memberships/grant-membership';
import { grantAllowlistTx } from '../allowlist/grant-allowlist-entry';
import { assertAllowed } from '../guard';

const decider = alias(users, 'decider');

/** The admin's queue: open requests first, then the latest decided; with whether an NDA covers the client. */
export async function listAccessRequests(actor: Actor) {
  assertAllowed(actor, 'access_request.decide');
  return withActor(actor, async ({ tx }) => {
    const rows = await tx
      .select({
        id: accessRequests.id,
        kind: accessRequests.kind,
        status: accessRequests.status,
        requester: users.name,
        requesterRole: users.role,
        project: projectDirectory.codename,
        owner: clientAccounts.codename,
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        scopes: accessRequests.scopes,
        reason: accessRequests.reason,
        createdAt: accessRequests.createdAt,
        decidedBy: decider.name,
        decidedAt: accessRequests.decidedAt,
        decisionReason: accessRequests.decisionReason,
        ndaOnFile:
          sql<boolean>`${ndaCoversClient(sql`${accessRequests.requesterId}`, sql`${projectDirectory.clientAccountId}`, new Date())}`.mapWith(
            Boolean,
          ),
      })
      .from(accessRequests)
      .innerJoin(users, eq(users.id, accessRequests.requesterId))
      .innerJoin(projectDirectory, eq(projectDirectory.id, accessRequests.projectId))
      .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
      .leftJoin(itemDirectory, eq(itemDirectory.id, accessRequests.itemId))
      .leftJoin(decider, eq(decider.id, accessRequests.decidedBy))
      .orderBy(sql`${accessRequests.status} <> 'open'`, desc(accessRequests.createdAt))
      .limit(200);
    return rows.map(({ category, ref, ...r }) => ({
      ...r,
      requesterRole: r.requesterRole,
      item: category && ref !== null ? itemReference(category, ref) : null,
    }));
  });
}

/** One page of the admin's queue, searched by requester, project, client codename and reason, filtered by status. */
export async function searchAccessRequests(
  actor: Actor,
  params: z.output<typeof accessRequestListSchema>,
  now = new Date(),
) {
  assertAllowed(actor, 'access_request.decide');
  const sorts: Record<typeof params.sort, SortKey> = {
    created: { expr: sql`${accessRequests.createdAt}`, type: 'timestamptz' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${accessRequests.id}`, type: 'uuid' }, params);
  return withActor(actor, async ({ tx }) => {
    const rows = await tx
      .select({
        id: accessRequests.id,
        kind: accessRequests.kind,
        status: accessRequests.status,
        requester: users.name,
        requesterRole: users.role,
        project: projectDirectory.codename,
        owner: clientAccounts.codename,
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        scopes: accessRequests.scopes,
        reason: accessRequests.reason,
        createdAt: accessRequests.createdAt,
        decidedBy: decider.name,
        decidedAt: accessRequests.decidedAt,
        decisionReason: accessRequests.decisionReason,
        ndaOnFile:
          sql<boolean>`${ndaCoversClient(sql`${accessRequests.requesterId}`, sql`${projectDirectory.clientAccountId}`, now)}`.mapWith(
            Boolean,
          ),
        ...page.columns,
      })
      .from(accessRequests)
      .innerJoin(users, eq(users.id, accessRequests.requesterId))
      .innerJoin(projectDirectory, eq(projectDirectory.id, accessRequests.projectId))
      .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
      .leftJoin(itemDirectory, eq(itemDirectory.id, accessRequests.itemId))
      .leftJoin(decider, eq(decider.id, accessRequests.decidedBy))
      .where(
        and(
          searchWhere(params.q, [
            sql`${users.name}`,
            sql`${projectDirectory.codename}`,
            sql`${clientAccounts.codename}`,
            sql`${accessRequests.reason}`,
          ]),
          params.status !== 'any' ? eq(accessRequests.status, params.status) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit);
    const result = page.page(rows);
    return {
      ...result,
      rows: result.rows.map(({ category, ref, ...r }) => ({
        ...r,
        requesterRole: r.requesterRole,
        item: category && ref !== null ? itemReference(category, ref) : null,
      })),
    };
  });
}
export type { Page };

export type DecideAccessRequestInput = {
  requestId: string;
  decision: 'approve' | 'refuse';
  expiresAt?: Date | undefined;
  reason?: string | undefined;
};

/**
 * Approving runs the ordinary grant (NDA checks, contractor expiry; a high-risk grant then waits for the
 * client when the client requires approval); refusing needs a reason. The requester is told either way.
 */
export async function decideAccessRequest(
  actor: Actor,
  input: DecideAccessRequestInput,
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'access_request.decide');
  if (input.decision === 'refuse' && !input.reason?.trim())
    throw invalid('Say why you refuse this request.', { reason: ['Give a reason.'] });
  return withActor(
    actor,
    async (work) => {
      const { tx, audit } = work;
      const [request] = await tx.select().from(accessRequests).where(eq(accessRequests.id, input.requestId));
      if (!request) throw notFoundError();
      if (request.status !== 'open') throw alreadyDecided();
      // Claim the request first: of two admins deciding at once, the second waits here and then finds it decided,
      // before granting anything (its transaction rolls back: no grant, no audit, no notification).
      const claimed = await transition(tx, {
        table: accessRequests,
        row: eq(accessRequests.id, request.id),
        from: eq(accessRequests.status, 'open'),
        set: {
          status: input.decision === 'approve' ? 'approved' : 'refused',
          decidedBy: actor.id,
          decidedAt: now,
          decisionReason: input.reason?.trim() || null,
        },
        returning: { id: accessRequests.id },
      });
      if (!claimed) throw alreadyDecided();
      let outcome = 'refused';
      if (input.decision === 'approve') {
        // A refused grant (no NDA, no expiry for a contractor) is audited and answered; the request stays open.
        const reopen = () =>
          tx
            .update(accessRequests)
            .set({ status: 'open', decidedBy: null, decidedAt: null, decisionReason: null })
            .where(and(eq(accessRequests.id, request.id), eq(accessRequests.status, 'approved')));
        const granted =
          request.kind === 'membership'
            ? await grantMembershipTx(
                work,
                {
                  projectId: request.projectId,
                  userId: request.requesterId,
                  role: 'member',
                  scopes: request.scopes as Scope[],
                  expiresAt: input.expiresAt,
                },
                { onRefused: reopen },
              )
            : await grantAllowlistTx(
                work,
                {
                  itemId: request.itemId!,
                  userId: request.requesterId,
                  reason: `Access request: ${request.reason}`,
                  expiresAt: input.expiresAt,
                },
                { onRefused: reopen },
              );
        outcome =
          'status' in granted && granted.status === 'pending' ? 'approved, pending the client’s approval' : 'approved';
      }
      audit({
        actorId: actor.id,
        action: `access_request.${input.decision}`,
        targetType: 'user',
        targetId: request.requesterId,
        projectId: request.projectId,
        outcome: 'allowed',
        reason: input.reason?.trim() || null,
        details: { accessRequestId: request.id, kind: request.kind },
        meta,
      });
      await notify(
        tx,
        {
          kind: 'access_request.decided',
          userIds: [request.requesterId],
          projectId: request.projectId,
          subject: request.id,
        },
        (r) => ({
          title: `Your access request for ${r.projectLabel} was ${outcome}`,
          body: `Your request (${request.kind === 'membership' ? 'membership' : 'high-risk item'}) for ${r.projectLabel} was ${outcome}.${input.reason?.trim() ? ` Reason: ${input.reason.trim()}` : ''}`,
          href: '/requests',
        }),
      );
      return { outcome };
    },
    { meta, now },
  );
}

import 'server-only';
import { and, eq } from 'drizzle-orm';
import { accessRequests } from '@/db/schema';
import { type Actor, type Scope } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { alreadyDecided, transition } from '../transition';
import { grantMembershipTx } from '../memberships/grant-membership';
import { grantAllowlistTx } from '../allowlist/grant-allowlist-entry';
import { assertAllowed } from '../guard';

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

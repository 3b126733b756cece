import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { accessReviewDecisions, accessReviews } from '@/db/schema';
import type { Actor, Scope } from '@/lib/authz';
import { canReview } from '@/lib/authz/reviews';
import { invalid, notFoundError } from '@/lib/errors';
import { SCOPE_LABELS } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { liveGrants } from './review-grants';

export type ReviewDecisionInput = {
  projectId: string;
  grantKind: 'membership' | 'allowlist';
  grantId: string;
  decision: 'confirmed' | 'narrowed' | 'revoked';
  /** For `narrowed`: the scopes the member keeps. */
  scopes?: Scope[];
};

/**
 * One decision in a project's open review (issue 15 point 7): the reviewer confirms a grant, narrows a member's
 * scopes, or revokes it. The decision row is the act (its trigger changes the grant, migration 0026), audited in
 * the same transaction; the holder is told when their access shrinks. When no grant is left undecided the review
 * closes, and the client sees when their access was last reviewed and by whom.
 */
export async function decideReviewGrant(
  actor: Actor,
  input: ReviewDecisionInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ closed: boolean }> {
  return withActor(actor, async ({ tx, audit, enforce }) => {
    const facts = await loadProjectFacts(tx, actor, input.projectId);
    if (!facts || !canReview(actor, 'review.view', { project: facts }, now).allowed) throw notFoundError();
    const [review] = await tx
      .select({ id: accessReviews.id })
      .from(accessReviews)
      .where(and(eq(accessReviews.projectId, input.projectId), isNull(accessReviews.closedAt)));
    if (!review) throw invalid('There is no open review of this project.');
    const grants = await liveGrants(tx, input.projectId, now);
    const grant = grants.find((g) => g.kind === input.grantKind && g.id === input.grantId);
    if (!grant) throw notFoundError();
    enforce(
      canReview(actor, 'review.decide', { project: facts, granteeId: grant.userId }, now),
      {
        action: 'review.decide',
        targetType: 'user',
        targetId: grant.userId,
        projectId: input.projectId,
        details: { reviewId: review.id },
        recordAllowed: false,
      },
      (reason) =>
        reason === 'self_grant'
          ? invalid('Your own access is confirmed by an administrator, not by you.')
          : notFoundError(),
    );
    let scopesAfter: string[] | null = null;
    if (input.decision === 'narrowed') {
      const kept = [...new Set(input.scopes ?? [])];
      if (grant.kind !== 'membership' || grant.role !== 'member')
        throw invalid('Only a member’s scopes can be narrowed; revoke the grant instead.');
      if (kept.length === 0)
        throw invalid('Keep at least one scope, or revoke the access instead.', {
          scopes: ['Choose the scopes to keep.'],
        });
      if (!kept.every((s) => grant.scopes.includes(s)) || kept.length === grant.scopes.length) {
        throw invalid('Narrowing keeps some of the scopes held now, not all of them.', {
          scopes: ['Choose fewer scopes than are held now.'],
        });
      }
      scopesAfter = kept;
    }
    const inserted = await tx
      .insert(accessReviewDecisions)
      .values({
        reviewId: review.id,
        membershipId: grant.kind === 'membership' ? grant.id : null,
        allowlistEntryId: grant.kind === 'allowlist' ? grant.id : null,
        decision: input.decision,
        scopesAfter,
        decidedBy: actor.id,
        decidedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: accessReviewDecisions.id });
    if (!inserted[0]) throw invalid('This grant has already been decided in this review.');
    audit({
      actorId: actor.id,
      action: 'review.decide',
      targetType: 'user',
      targetId: grant.userId,
      projectId: input.projectId,
      outcome: 'allowed',
      details: {
        reviewId: review.id,
        grant: grant.kind,
        grantId: grant.id,
        decision: input.decision,
        ...(scopesAfter ? { scopesBefore: grant.scopes, scopesAfter } : {}),
      },
      meta,
    });
    if (input.decision !== 'confirmed') {
      const what = grant.kind === 'allowlist' ? `Your high-risk access to ${grant.itemLabel}` : 'Your access';
      await notify(
        tx,
        { kind: 'review.decided', userIds: [grant.userId], projectId: input.projectId, subject: grant.id },
        (r) => ({
          title:
            input.decision === 'revoked'
              ? `Access revoked in a review: ${r.projectLabel}`
              : `Access narrowed in a review: ${r.projectLabel}`,
          body:
            input.decision === 'revoked'
              ? `${what} on ${r.projectLabel} was revoked in the periodic access review.`
              : `${what} on ${r.projectLabel} now covers ${scopesAfter!.map((s) => SCOPE_LABELS[s as Scope] ?? s).join(', ')} only, after the periodic access review.`,
          href: '/',
        }),
      );
    }
    // The last grant decided: the review is complete.
    const decided = await tx
      .select({ m: accessReviewDecisions.membershipId, a: accessReviewDecisions.allowlistEntryId })
      .from(accessReviewDecisions)
      .where(eq(accessReviewDecisions.reviewId, review.id));
    const decidedIds = new Set(decided.map((d) => d.m ?? d.a));
    if (grants.some((g) => !decidedIds.has(g.id))) return { closed: false };
    await tx.update(accessReviews).set({ closedAt: now, closedBy: actor.id }).where(eq(accessReviews.id, review.id));
    audit({
      actorId: actor.id,
      action: 'review.complete',
      targetType: 'project',
      targetId: input.projectId,
      projectId: input.projectId,
      outcome: 'allowed',
      details: { reviewId: review.id },
      meta,
    });
    return { closed: true };
  });
}

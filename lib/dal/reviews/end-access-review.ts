import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { accessReviewDecisions, accessReviews } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canReview } from '@/lib/authz/reviews';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { activeAdminIds } from '../jobs/expiry-reminders';
import { notify } from '../notifications/notify';
import { withActor, type Work } from '../transaction';
import { liveGrants } from './review-grants';
import { reviewersOf } from './reviewers';

/**
 * Ends a project's open review (issue 15 point 8): every grant nobody confirmed expires now, recorded as an
 * `expired` decision that nobody took, and the review closes. The schedule does this when a window ends
 * (`via: 'schedule'`, acting as an admin); an admin may end one early. The holders and the reviewers are told.
 */
export async function endAccessReview(
  actor: Actor,
  input: { projectId: string; via?: 'schedule' },
  meta: RequestMeta | undefined,
  now = new Date(),
): Promise<{ expired: number }> {
  return withActor(actor, (work) => endAccessReviewTx(work, input), { meta, now });
}

export async function endAccessReviewTx(
  work: Work,
  input: { projectId: string; via?: 'schedule' },
): Promise<{ expired: number }> {
  const { tx, actor, audit, meta, now } = work;
  if (!actor) throw notFoundError();
  const facts = await loadProjectFacts(tx, actor, input.projectId);
  if (!facts || !canReview(actor, 'review.end', { project: facts }, now).allowed) throw notFoundError();
  const [review] = await tx
    .select({ id: accessReviews.id })
    .from(accessReviews)
    .where(and(eq(accessReviews.projectId, input.projectId), isNull(accessReviews.closedAt)))
    .for('update');
  if (!review) throw invalid('There is no open review of this project.');
  const decided = await tx
    .select({ m: accessReviewDecisions.membershipId, a: accessReviewDecisions.allowlistEntryId })
    .from(accessReviewDecisions)
    .where(eq(accessReviewDecisions.reviewId, review.id));
  const decidedIds = new Set(decided.map((d) => d.m ?? d.a));
  const lapsing = (await liveGrants(tx, input.projectId, now)).filter((g) => !decidedIds.has(g.id));
  for (const grant of lapsing) {
    await tx.insert(accessReviewDecisions).values({
      reviewId: review.id,
      membershipId: grant.kind === 'membership' ? grant.id : null,
      allowlistEntryId: grant.kind === 'allowlist' ? grant.id : null,
      decision: 'expired',
      decidedBy: null,
      decidedAt: now,
    });
  }
  await tx
    .update(accessReviews)
    .set({ closedAt: now, closedBy: input.via === 'schedule' ? null : actor.id })
    .where(eq(accessReviews.id, review.id));
  audit({
    actorId: actor.id,
    action: 'review.end',
    targetType: 'project',
    targetId: input.projectId,
    projectId: input.projectId,
    outcome: 'allowed',
    details: { reviewId: review.id, expired: lapsing.length, via: input.via ?? 'person' },
    meta,
  });
  if (lapsing.length > 0) {
    await notify(
      tx,
      {
        kind: 'review.ended',
        userIds: [...new Set(lapsing.map((g) => g.userId))],
        projectId: input.projectId,
        subject: review.id,
      },
      (r) => ({
        title: `Access expired: ${r.projectLabel}`,
        body: `Your access to ${r.projectLabel} expired because nobody confirmed it in the periodic access review. Ask an administrator if you still need it.`,
        href: '/',
      }),
    );
  }
  const reviewers = await reviewersOf(tx, input.projectId, await activeAdminIds(tx), now);
  await notify(
    tx,
    { kind: 'review.ended', userIds: reviewers, projectId: input.projectId, subject: review.id, except: actor.id },
    (r) => ({
      title: `Access review of ${r.projectLabel} ended`,
      body: lapsing.length
        ? `The review of ${r.projectLabel} ended; ${lapsing.length} grant${lapsing.length === 1 ? '' : 's'} nobody confirmed expired.`
        : `The review of ${r.projectLabel} ended; every grant had been decided.`,
      href: `/projects/${input.projectId}/review`,
    }),
  );
  return { expired: lapsing.length };
}

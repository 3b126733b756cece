import 'server-only';
import { and, desc, eq, isNotNull, min } from 'drizzle-orm';
import { accessReviews, memberships } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canReview } from '@/lib/authz/reviews';
import { invalid, notFoundError } from '@/lib/errors';
import { formatDate } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { activeAdminIds } from '../jobs/expiry-reminders';
import { notify } from '../notifications/notify';
import { withActor, type Work } from '../transaction';
import { reviewersOf } from './reviewers';

/** How long a review stays open before what it left unconfirmed expires. */
export const REVIEW_WINDOW_DAYS = 14;
const DAY = 86_400_000;

/**
 * Opens a review of a project's access now (an admin or the lead; or the schedule, which acts as an admin and
 * passes `via: 'schedule'`). The period it shows runs from the end of the previous review, else the project's
 * start. The reviewers (the lead, else the admins) are told, with the date unconfirmed grants will expire.
 */
export async function openAccessReview(
  actor: Actor,
  input: { projectId: string; via?: 'schedule' },
  meta: RequestMeta | undefined,
  now = new Date(),
): Promise<{ id: string; dueAt: Date }> {
  return withActor(actor, (work) => openAccessReviewTx(work, input), { meta, now });
}

export async function openAccessReviewTx(
  work: Work,
  input: { projectId: string; via?: 'schedule' },
): Promise<{ id: string; dueAt: Date }> {
  const { tx, actor, audit, meta, now } = work;
  if (!actor) throw notFoundError();
  const facts = await loadProjectFacts(tx, actor, input.projectId);
  const decision = facts ? canReview(actor, 'review.open', { project: facts }, now) : null;
  if (!facts || !decision?.allowed) throw notFoundError();
  const [previous] = await tx
    .select({ closedAt: accessReviews.closedAt })
    .from(accessReviews)
    .where(and(eq(accessReviews.projectId, input.projectId), isNotNull(accessReviews.closedAt)))
    .orderBy(desc(accessReviews.closedAt))
    .limit(1);
  // No earlier review: the period runs from when access to the project was first granted.
  const [first] = await tx
    .select({ at: min(memberships.grantedAt) })
    .from(memberships)
    .where(eq(memberships.projectId, input.projectId));
  const dueAt = new Date(now.getTime() + REVIEW_WINDOW_DAYS * DAY);
  const inserted = await tx
    .insert(accessReviews)
    .values({
      projectId: input.projectId,
      periodStart: previous?.closedAt ?? first?.at ?? now,
      openedAt: now,
      openedBy: input.via === 'schedule' ? null : actor.id,
      dueAt,
    })
    .onConflictDoNothing()
    .returning({ id: accessReviews.id });
  if (!inserted[0]) throw invalid('A review of this project is already open.');
  audit({
    actorId: actor.id,
    action: 'review.open',
    targetType: 'project',
    targetId: input.projectId,
    projectId: input.projectId,
    outcome: 'allowed',
    details: { reviewId: inserted[0].id, dueAt: dueAt.toISOString(), via: input.via ?? 'person' },
    meta,
  });
  const reviewers = await reviewersOf(tx, input.projectId, await activeAdminIds(tx));
  await notify(
    tx,
    {
      kind: 'review.open',
      userIds: reviewers,
      projectId: input.projectId,
      subject: inserted[0].id,
      except: actor.id,
    },
    (r) => ({
      title: `Access review of ${r.projectLabel} is open`,
      body: `Confirm, narrow or revoke each grant on ${r.projectLabel} by ${formatDate(dueAt)} (UTC). Grants not confirmed by then expire.`,
      href: `/projects/${input.projectId}/review`,
    }),
  );
  return { id: inserted[0].id, dueAt };
}

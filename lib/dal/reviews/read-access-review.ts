import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf } from '@/db/client';
import {
  accessReviewDecisions,
  accessReviews,
  allowlistEntries,
  memberships,
  projectDirectory,
  users,
} from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canReview } from '@/lib/authz/reviews';
import type { ReviewDecision } from '@/lib/vocabulary';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';
import { liveGrants, type ReviewGrant } from './review-grants';

export type ReviewDecisionKind = ReviewDecision;

export type ReviewedGrant = ReviewGrant & {
  activity: { reads: number; downloads: number; reveals: number };
  decision: { kind: ReviewDecisionKind; by: string | null; at: Date; scopesAfter: string[] | null } | null;
  /** False for the reviewer's own grant: someone else confirms it. */
  mayDecide: boolean;
};

export type AccessReviewView = {
  project: { id: string; codename: string };
  review: { id: string; openedAt: Date; dueAt: Date; periodStart: Date; openedBy: string | null } | null;
  lastClosed: { closedAt: Date; closedBy: string | null; expired: number } | null;
  grants: ReviewedGrant[];
  /** Every decision of the open review, including on grants it revoked (which are no longer in force). */
  decided: { person: string; grant: string; kind: ReviewDecisionKind; by: string | null; at: Date }[];
  mayEnd: boolean;
};

const opener = alias(users, 'opener');
const closer = alias(users, 'closer');
const decider = alias(users, 'decider');
const holder = alias(users, 'holder');

/**
 * A project's access review as its reviewer sees it (issue 15 point 7): every grant in force with what its
 * holder did during the period (counts of reads, downloads and reveals, from the audit log through
 * app_review_activity) and the decision taken so far. Null — a 404 — for anyone but an admin or the lead.
 */
export async function getAccessReview(
  actor: Actor,
  projectId: string,
  now = new Date(),
): Promise<AccessReviewView | null> {
  return withActor(actor, async ({ tx, audit }) => {
    const facts = await loadProjectFacts(tx, actor, projectId);
    if (!facts || !canReview(actor, 'review.view', { project: facts }, now).allowed) return null;
    const [project] = await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .where(eq(projectDirectory.id, projectId));
    if (!project) return null;
    const [open] = await tx
      .select({
        id: accessReviews.id,
        openedAt: accessReviews.openedAt,
        dueAt: accessReviews.dueAt,
        periodStart: accessReviews.periodStart,
        openedBy: opener.name,
      })
      .from(accessReviews)
      .leftJoin(opener, eq(opener.id, accessReviews.openedBy))
      .where(and(eq(accessReviews.projectId, projectId), isNull(accessReviews.closedAt)));
    const [lastClosed] = await tx
      .select({
        closedAt: accessReviews.closedAt,
        closedBy: closer.name,
        expired: sql<number>`(select count(*)::int from access_review_decisions d where d.review_id = ${accessReviews.id} and d.decision = 'expired')`,
      })
      .from(accessReviews)
      .leftJoin(closer, eq(closer.id, accessReviews.closedBy))
      .where(and(eq(accessReviews.projectId, projectId), sql`${accessReviews.closedAt} is not null`))
      .orderBy(desc(accessReviews.closedAt))
      .limit(1);

    const grants = await liveGrants(tx, projectId, now);
    const activity = new Map<string, { reads: number; downloads: number; reveals: number }>();
    const decisions = new Map<string, ReviewedGrant['decision']>();
    const decided: AccessReviewView['decided'] = [];
    if (open) {
      const counts = rowsOf<{ user_id: string; reads: string; downloads: string; reveals: string }>(
        await tx.execute(sql`select user_id, reads, downloads, reveals from app_review_activity(${open.id})`),
      );
      for (const c of counts)
        activity.set(c.user_id, { reads: Number(c.reads), downloads: Number(c.downloads), reveals: Number(c.reveals) });
      const rows = await tx
        .select({
          membershipId: accessReviewDecisions.membershipId,
          allowlistEntryId: accessReviewDecisions.allowlistEntryId,
          kind: accessReviewDecisions.decision,
          by: decider.name,
          at: accessReviewDecisions.decidedAt,
          scopesAfter: accessReviewDecisions.scopesAfter,
          person: holder.name,
        })
        .from(accessReviewDecisions)
        .leftJoin(decider, eq(decider.id, accessReviewDecisions.decidedBy))
        .leftJoin(memberships, eq(memberships.id, accessReviewDecisions.membershipId))
        .leftJoin(allowlistEntries, eq(allowlistEntries.id, accessReviewDecisions.allowlistEntryId))
        .leftJoin(holder, eq(holder.id, sql`coalesce(${memberships.userId}, ${allowlistEntries.userId})`))
        .where(eq(accessReviewDecisions.reviewId, open.id))
        .orderBy(accessReviewDecisions.decidedAt);
      for (const d of rows) {
        decisions.set((d.membershipId ?? d.allowlistEntryId)!, {
          kind: d.kind,
          by: d.by,
          at: d.at,
          scopesAfter: d.scopesAfter,
        });
        decided.push({
          person: d.person ?? 'Someone',
          grant: d.membershipId ? 'project access' : 'high-risk access',
          kind: d.kind,
          by: d.by,
          at: d.at,
        });
      }
    }
    audit({
      actorId: actor.id,
      action: 'review.view',
      targetType: 'project',
      targetId: projectId,
      projectId,
      outcome: 'allowed',
      details: open ? { reviewId: open.id } : {},
    });
    return {
      project,
      review: open ?? null,
      lastClosed: lastClosed?.closedAt
        ? { closedAt: lastClosed.closedAt, closedBy: lastClosed.closedBy, expired: Number(lastClosed.expired) }
        : null,
      grants: grants.map((g) => ({
        ...g,
        activity: activity.get(g.userId) ?? { reads: 0, downloads: 0, reveals: 0 },
        decision: decisions.get(g.id) ?? null,
        mayDecide: canReview(actor, 'review.decide', { project: facts, granteeId: g.userId }, now).allowed,
      })),
      decided,
      mayEnd: canReview(actor, 'review.end', { project: facts }, now).allowed,
    };
  });
}

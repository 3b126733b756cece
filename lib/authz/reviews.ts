/**
 * Periodic access reviews (issue 15, docs/product.md §13): who looks at a project's grants again and decides whether
 * each is still needed. Pure, like policy.ts; migration 0026 restates it for row-level security
 * (`app_may_decide_review`, `app_active_lead_of`).
 *
 * - Seeing a review (each grant with what its holder did in the period) and opening one: an admin, or the
 *   project's lead while their own access stands (an active lead membership and an NDA covering the client).
 * - Deciding on a grant (confirm, narrow, revoke): the same people, never on their own grant — a lead's own
 *   access is confirmed by an admin, an admin's by another admin (docs/product.md §14: no single person).
 * - Ending a review now, which lets every unconfirmed grant expire: admins only (scheduled work acts as one
 *   when a window ends by itself).
 */
import { isActiveMembership, ndaCovers } from './policy';
import type { Actor, Decision, ProjectFacts } from './types';

export type ReviewAction = 'review.view' | 'review.open' | 'review.decide' | 'review.end';

export type ReviewFacts = {
  project: ProjectFacts;
  /** For `review.decide`: whose grant it is. */
  granteeId?: string;
};

const ALLOW: Decision = { allowed: true };

/** An active lead of the project whose NDA covers its client: the person who knows whether access is still needed. */
export function leadsProject(actor: Actor, project: ProjectFacts, now: Date): boolean {
  if (actor.role === 'client') return false;
  return (
    project.memberships.some((m) => m.role === 'lead' && isActiveMembership(m, now)) &&
    project.ndas.some((n) => ndaCovers(n, project.clientAccountId, now))
  );
}

export function canReview(actor: Actor, action: ReviewAction, facts: ReviewFacts, now: Date = new Date()): Decision {
  if (actor.disabled) return { allowed: false, reason: 'inactive_user' };
  const admin = actor.role === 'admin';
  if (action === 'review.end') return admin ? ALLOW : { allowed: false, reason: 'not_admin' };
  if (!admin && !leadsProject(actor, facts.project, now)) return { allowed: false, reason: 'not_lead' };
  if (action === 'review.decide' && facts.granteeId === actor.id) return { allowed: false, reason: 'self_grant' };
  return ALLOW;
}

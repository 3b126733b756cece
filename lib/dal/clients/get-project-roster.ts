import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  accessReviews,
  allowlistEntries,
  clientAccounts,
  itemDirectory,
  memberships,
  ndaSignatures,
  ndaVersions,
  projectDirectory,
  reviewSchedules,
  users,
} from '@/db/schema';
import { can, type Actor, type AllowlistStatus, type UserRole } from '@/lib/authz';
import { isActiveAllowlistEntry, isActiveMembership } from '@/lib/authz/policy';
import { itemReference } from '@/lib/labels';
import { loadProjectFacts } from '../facts';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from '../reviews/run-access-reviews';
import { withActor } from '../transaction';

export type AccessState = 'active' | 'expired' | 'revoked';

export type AllowlistState = AccessState | 'pending' | 'refused';

export type RosterMember = {
  id: string;
  person: string;
  personRole: UserRole;
  role: 'lead' | 'member';
  /** `all` for a lead. */
  scopes: string[] | 'all';
  since: Date;
  until: Date | null;
  revokedAt: Date | null;
  state: AccessState;
  nda: string;
};

export type RosterAllowlistEntry = {
  id: string;
  person: string;
  personRole: UserRole;
  reason: string;
  grantedBy: string;
  since: Date;
  until: Date | null;
  state: AllowlistState;
  decisionReason: string | null;
};

export type ProjectRoster = {
  project: { id: string; codename: string; clientName: string };
  members: RosterMember[];
  highRiskItems: { id: string; label: string; entries: RosterAllowlistEntry[] }[];
  /** When this project's access was last reviewed and by whom (null: the schedule), and the review now open (issue 15). */
  review: {
    lastClosedAt: Date | null;
    lastClosedBy: string | null;
    openDueAt: Date | null;
    intervalDays: number;
    clientAccountId: string;
  };
};

const granter = alias(users, 'granter');

const reviewer = alias(users, 'reviewer');

function allowlistState(
  e: { status: AllowlistStatus; expiresAt: Date | null; revokedAt: Date | null },
  now: Date,
): AllowlistState {
  if (e.revokedAt) return 'revoked';
  if (e.status === 'pending' || e.status === 'refused') return e.status;
  return isActiveAllowlistEntry(e, now) ? 'active' : 'expired';
}

/**
 * Who can see the owning client's data on one project (issue 4, flow 2): every grant with its person, role,
 * scopes, dates and the NDA it rests on, and the allowlist of every high-risk item. Agency people appear by
 * name and role; items by category and reference. Null when the actor is not a member of the owning client.
 */
export async function getProjectRoster(
  actor: Actor,
  projectId: string,
  now = new Date(),
): Promise<ProjectRoster | null> {
  return withActor(actor, async ({ tx }) => {
    const facts = await loadProjectFacts(tx, actor, projectId);
    if (!facts || !can(actor, 'project.view_access', { type: 'project', project: facts }, now).allowed) return null;
    const [project] = await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename, clientName: clientAccounts.name })
      .from(projectDirectory)
      .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
      .where(eq(projectDirectory.id, projectId));
    if (!project) return null;

    const memberRows = await tx
      .select({
        id: memberships.id,
        person: users.name,
        personRole: users.role,
        role: memberships.role,
        scopes: memberships.scopes,
        since: memberships.grantedAt,
        until: memberships.expiresAt,
        revokedAt: memberships.revokedAt,
        ndaTitle: ndaVersions.title,
        ndaVersion: ndaVersions.version,
        ndaSignedAt: ndaSignatures.signedAt,
        ndaForOneClient: ndaSignatures.clientAccountId,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .leftJoin(ndaSignatures, eq(ndaSignatures.id, memberships.ndaSignatureId))
      .leftJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
      .where(eq(memberships.projectId, projectId))
      .orderBy(asc(memberships.revokedAt), desc(memberships.grantedAt));

    const highRisk = await tx
      .select({ id: itemDirectory.id, ref: itemDirectory.ref, category: itemDirectory.category })
      .from(itemDirectory)
      .where(and(eq(itemDirectory.projectId, projectId), eq(itemDirectory.classification, 'high_risk')))
      .orderBy(asc(itemDirectory.ref));
    const entries = highRisk.length
      ? await tx
          .select({
            id: allowlistEntries.id,
            itemId: allowlistEntries.itemId,
            person: users.name,
            personRole: users.role,
            reason: allowlistEntries.reason,
            status: allowlistEntries.status,
            since: allowlistEntries.grantedAt,
            until: allowlistEntries.expiresAt,
            revokedAt: allowlistEntries.revokedAt,
            decisionReason: allowlistEntries.decisionReason,
            grantedBy: granter.name,
          })
          .from(allowlistEntries)
          .innerJoin(users, eq(users.id, allowlistEntries.userId))
          .leftJoin(granter, eq(granter.id, allowlistEntries.grantedBy))
          .where(
            inArray(
              allowlistEntries.itemId,
              highRisk.map((i) => i.id),
            ),
          )
          .orderBy(desc(allowlistEntries.grantedAt))
      : [];

    const reviews = await tx
      .select({ closedAt: accessReviews.closedAt, closedBy: reviewer.name, dueAt: accessReviews.dueAt })
      .from(accessReviews)
      .leftJoin(reviewer, eq(reviewer.id, accessReviews.closedBy))
      .where(eq(accessReviews.projectId, projectId))
      .orderBy(desc(accessReviews.openedAt));
    const lastClosed = reviews.find((r) => r.closedAt !== null);
    const [schedule] = await tx
      .select({ days: reviewSchedules.intervalDays })
      .from(reviewSchedules)
      .where(eq(reviewSchedules.clientAccountId, facts.clientAccountId));

    return {
      project,
      review: {
        lastClosedAt: lastClosed?.closedAt ?? null,
        lastClosedBy: lastClosed?.closedBy ?? null,
        openDueAt: reviews.find((r) => r.closedAt === null)?.dueAt ?? null,
        intervalDays: schedule?.days ?? DEFAULT_REVIEW_INTERVAL_DAYS,
        clientAccountId: facts.clientAccountId,
      },
      members: memberRows.map((m) => ({
        id: m.id,
        person: m.person,
        personRole: m.personRole,
        role: m.role,
        scopes: m.role === 'lead' ? 'all' : m.scopes,
        since: m.since,
        until: m.until,
        revokedAt: m.revokedAt,
        state: m.revokedAt
          ? 'revoked'
          : isActiveMembership({ role: m.role, scopes: m.scopes, expiresAt: m.until, revokedAt: null }, now)
            ? 'active'
            : 'expired',
        nda: m.ndaTitle
          ? `${m.ndaTitle} v${m.ndaVersion}, ${m.ndaForOneClient ? 'for this client' : 'all clients'}, signed ${m.ndaSignedAt?.toISOString().slice(0, 10)}`
          : 'None recorded',
      })),
      highRiskItems: highRisk.map((i) => ({
        id: i.id,
        label: itemReference(i.category, i.ref),
        entries: entries
          .filter((e) => e.itemId === i.id)
          .map((e) => ({
            id: e.id,
            person: e.person,
            personRole: e.personRole,
            reason: e.reason,
            grantedBy: e.grantedBy ?? '—',
            since: e.since,
            until: e.until,
            state: allowlistState({ status: e.status, expiresAt: e.until, revokedAt: e.revokedAt }, now),
            decisionReason: e.decisionReason,
          })),
      })),
    };
  });
}

import 'server-only';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '@/db/client';
import { memberships, users } from '@/db/schema';
import type { ItemCategory, UserRole } from '@/lib/authz';
import { itemReference } from '@/lib/labels';

/** A grant a review looks at: a live project membership or a live high-risk allowlist entry. */
export type ReviewGrant = {
  kind: 'membership' | 'allowlist';
  id: string;
  userId: string;
  person: string;
  personRole: UserRole;
  /** A membership's project role and scopes; for an allowlist entry, the item it opens. */
  role: 'lead' | 'member' | null;
  scopes: string[];
  itemLabel: string | null;
  until: Date | null;
};

/**
 * The grants in force on a project now, as its reviewer sees them (memberships under row-level security, which
 * lets members see the roster; high-risk entries through app_review_allowlist): what a review must decide on.
 * Revoked, expired, pending and refused grants give no access and need no decision.
 */
export async function liveGrants(tx: Executor, projectId: string, now: Date): Promise<ReviewGrant[]> {
  const members = await tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      person: users.name,
      personRole: users.role,
      role: memberships.role,
      scopes: memberships.scopes,
      until: memberships.expiresAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.projectId, projectId),
        isNull(memberships.revokedAt),
        or(isNull(memberships.expiresAt), gt(memberships.expiresAt, now)),
      ),
    )
    .orderBy(memberships.grantedAt);
  // Other people's high-risk grants are not readable by the lead under row-level security: the reviewer's own
  // definer (migration 0035) answers with the live entries on the project's items, for reviewers only.
  const entries = rowsOf<{
    id: string;
    user_id: string;
    person: string;
    person_role: string;
    until: string | null;
    category: string;
    ref: number;
  }>(
    await tx.execute(sql`select a.id, a.user_id, u.name as person, u.role as person_role, a.expires_at as until, i.category, i.ref
      from public.app_review_allowlist(${projectId}) a
      join users u on u.id = a.user_id
      join item_directory i on i.id = a.item_id
      order by i.ref, a.granted_at`),
  ).map((e) => ({
    id: e.id,
    userId: e.user_id,
    person: e.person,
    personRole: e.person_role,
    until: e.until ? new Date(e.until) : null,
    category: e.category,
    ref: Number(e.ref),
  }));
  return [
    ...members.map((m) => ({
      kind: 'membership' as const,
      id: m.id,
      userId: m.userId,
      person: m.person,
      personRole: m.personRole,
      role: m.role,
      scopes: m.scopes,
      itemLabel: null,
      until: m.until,
    })),
    ...entries.map((e) => ({
      kind: 'allowlist' as const,
      id: e.id,
      userId: e.userId,
      person: e.person,
      personRole: e.personRole as UserRole,
      role: null,
      scopes: [],
      itemLabel: itemReference(e.category as ItemCategory, e.ref),
      until: e.until,
    })),
  ];
}

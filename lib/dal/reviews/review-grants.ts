import 'server-only';
import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { allowlistEntries, itemDirectory, memberships, users } from '@/db/schema';
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
 * The grants in force on a project now, as the caller may see them (row-level security applies): what a review
 * must decide on. Revoked, expired, pending and refused grants give no access and need no decision.
 */
export async function liveGrants(tx: Executor, projectId: string, now: Date): Promise<ReviewGrant[]> {
  const members = await tx
    .select({ id: memberships.id, userId: memberships.userId, person: users.name, personRole: users.role, role: memberships.role, scopes: memberships.scopes, until: memberships.expiresAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.projectId, projectId), isNull(memberships.revokedAt), or(isNull(memberships.expiresAt), gt(memberships.expiresAt, now))))
    .orderBy(memberships.grantedAt);
  const entries = await tx
    .select({ id: allowlistEntries.id, userId: allowlistEntries.userId, person: users.name, personRole: users.role, until: allowlistEntries.expiresAt, category: itemDirectory.category, ref: itemDirectory.ref })
    .from(allowlistEntries)
    .innerJoin(itemDirectory, eq(itemDirectory.id, allowlistEntries.itemId))
    .innerJoin(users, eq(users.id, allowlistEntries.userId))
    .where(
      and(
        eq(itemDirectory.projectId, projectId),
        eq(allowlistEntries.status, 'active'),
        isNull(allowlistEntries.revokedAt),
        or(isNull(allowlistEntries.expiresAt), gt(allowlistEntries.expiresAt, now)),
      ),
    )
    .orderBy(sql`${itemDirectory.ref}`, allowlistEntries.grantedAt);
  return [
    ...members.map((m) => ({ kind: 'membership' as const, id: m.id, userId: m.userId, person: m.person, personRole: m.personRole as UserRole, role: m.role, scopes: m.scopes, itemLabel: null, until: m.until })),
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

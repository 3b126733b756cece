import 'server-only';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { allowlistEntries, clientAccounts, itemDirectory, memberships, projectDirectory, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { checkUndoRevocation, isActiveMembership } from '@/lib/authz/policy';
import { itemReference } from '@/lib/labels';
import { allowlistEntryState } from '../allowlist/allowlist-entry-state';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

type MembershipState = 'active' | 'expired' | 'revoked';

const stateOf = (row: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): MembershipState =>
  row.revokedAt ? 'revoked' : isActiveMembership({ role: 'member', scopes: [], ...row }, now) ? 'active' : 'expired';

/** Who holds access to one project, by name and role; items appear by category and reference, never by title. */
export async function getProjectAccess(actor: Actor, projectId: string, now = new Date()) {
  assertAllowed(actor, 'membership.grant');
  return withActor(actor, async ({ tx: db }) => {
    const [project] = await db
      .select({ id: projectDirectory.id, codename: projectDirectory.codename, ownerCodename: clientAccounts.codename })
      .from(projectDirectory)
      .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
      .where(eq(projectDirectory.id, projectId));
    if (!project) return null;

    const memberRows = await db
      .select({
        id: memberships.id,
        userId: users.id,
        userName: users.name,
        userRole: users.role,
        role: memberships.role,
        scopes: memberships.scopes,
        grantedAt: memberships.grantedAt,
        expiresAt: memberships.expiresAt,
        revokedAt: memberships.revokedAt,
        revokedBy: memberships.revokedBy,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.projectId, projectId))
      .orderBy(desc(memberships.grantedAt));

    const highRisk = await db
      .select({ id: itemDirectory.id, ref: itemDirectory.ref, category: itemDirectory.category })
      .from(itemDirectory)
      .where(and(eq(itemDirectory.projectId, projectId), eq(itemDirectory.classification, 'high_risk')))
      .orderBy(asc(itemDirectory.ref));
    const entries = highRisk.length
      ? await db
          .select({
            id: allowlistEntries.id,
            itemId: allowlistEntries.itemId,
            userName: users.name,
            reason: allowlistEntries.reason,
            status: allowlistEntries.status,
            grantedAt: allowlistEntries.grantedAt,
            expiresAt: allowlistEntries.expiresAt,
            revokedAt: allowlistEntries.revokedAt,
            revokedBy: allowlistEntries.revokedBy,
          })
          .from(allowlistEntries)
          .innerJoin(users, eq(users.id, allowlistEntries.userId))
          .where(
            inArray(
              allowlistEntries.itemId,
              highRisk.map((i) => i.id),
            ),
          )
          .orderBy(desc(allowlistEntries.grantedAt))
      : [];

    const candidates = await db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(inArray(users.role, ['admin', 'staff', 'contractor']), isNull(users.disabledAt)))
      .orderBy(asc(users.name));

    return {
      project,
      // A revocation this admin made within the minute can still be undone (issue 16): the row offers "Undo".
      memberships: memberRows.map((m) => ({
        ...m,
        state: stateOf(m, now),
        undoable: checkUndoRevocation(actor, m, now).allowed,
      })),
      highRiskItems: highRisk.map((i) => ({
        id: i.id,
        label: itemReference(i.category, i.ref),
        entries: entries
          .filter((e) => e.itemId === i.id)
          .map((e) => ({
            ...e,
            state: allowlistEntryState(e, now),
            undoable: checkUndoRevocation(actor, e, now).allowed,
          })),
      })),
      candidates,
    };
  });
}

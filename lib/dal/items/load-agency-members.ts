import 'server-only';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { memberships, users } from '@/db/schema';
import { isAgency } from '@/lib/authz';

/** A project's current agency members (only its leads, when asked), for allowlists. */
export async function activeAgencyMembers(tx: Tx, projectId: string, now: Date, onlyLeads = false) {
  const rows = await tx
    .selectDistinct({ id: users.id, name: users.name, role: users.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.projectId, projectId),
        isNull(memberships.revokedAt),
        or(isNull(memberships.expiresAt), gt(memberships.expiresAt, now)),
        isNull(users.disabledAt),
        onlyLeads ? eq(memberships.role, 'lead') : undefined,
      ),
    );
  return rows.filter((r) => isAgency(r.role)).map(({ id, name }) => ({ id, name }));
}

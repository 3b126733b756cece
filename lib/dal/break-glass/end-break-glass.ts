import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { allowlistEntries, breakGlassGrants, memberships } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

/** The admin ends their break-glass before its expiry: its membership and allowlist rows are revoked at once. */
export async function endBreakGlass(
  actor: Actor,
  input: { breakGlassId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  await withActor(
    actor,
    async ({ tx, audit }) => {
      // Someone else's (or no) break-glass is not found; one of hers that already ended says so.
      const [mine] = await tx
        .select({ id: breakGlassGrants.id })
        .from(breakGlassGrants)
        .where(and(eq(breakGlassGrants.id, input.breakGlassId), eq(breakGlassGrants.userId, actor.id)));
      if (!mine || actor.role !== 'admin') throw notFoundError();
      const [row] = await tx
        .update(breakGlassGrants)
        .set({ endedAt: now })
        .where(
          and(
            eq(breakGlassGrants.id, input.breakGlassId),
            eq(breakGlassGrants.userId, actor.id),
            isNull(breakGlassGrants.endedAt),
            gt(breakGlassGrants.expiresAt, now),
          ),
        )
        .returning({ projectId: breakGlassGrants.projectId });
      if (!row) throw invalid('This break-glass access has already ended.');
      await tx
        .update(memberships)
        .set({ revokedAt: now, revokedBy: actor.id })
        .where(and(eq(memberships.breakGlassId, input.breakGlassId), isNull(memberships.revokedAt)));
      await tx
        .update(allowlistEntries)
        .set({ revokedAt: now, revokedBy: actor.id })
        .where(and(eq(allowlistEntries.breakGlassId, input.breakGlassId), isNull(allowlistEntries.revokedAt)));
      audit({
        actorId: actor.id,
        action: 'breakglass.end',
        targetType: 'project',
        targetId: row.projectId,
        projectId: row.projectId,
        outcome: 'allowed',
        details: { breakGlassId: input.breakGlassId },
        meta,
      });
    },
    { meta, now },
  );
}

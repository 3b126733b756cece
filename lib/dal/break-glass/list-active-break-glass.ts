import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { breakGlassGrants, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';

/** The actor's break-glass accesses in force now, for the banner on every page. */
export async function activeBreakGlass(actor: Actor, now = new Date()) {
  if (actor.role !== 'admin' || actor.disabled) return [];
  return withActor(actor, ({ tx }) =>
    tx
      .select({ id: breakGlassGrants.id, codename: projectDirectory.codename, expiresAt: breakGlassGrants.expiresAt })
      .from(breakGlassGrants)
      .innerJoin(projectDirectory, eq(projectDirectory.id, breakGlassGrants.projectId))
      .where(
        and(
          eq(breakGlassGrants.userId, actor.id),
          isNull(breakGlassGrants.endedAt),
          gt(breakGlassGrants.expiresAt, now),
        ),
      ),
  );
}

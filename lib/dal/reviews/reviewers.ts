import 'server-only';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { memberships } from '@/db/schema';

/** Who reviews a project's access: its active leads, or the admins when it has none (issue 15 point 7). */
export async function reviewersOf(
  tx: Executor,
  projectId: string,
  adminIds: readonly string[],
  now = new Date(),
): Promise<string[]> {
  const leads = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(
      and(
        eq(memberships.projectId, projectId),
        eq(memberships.role, 'lead'),
        isNull(memberships.revokedAt),
        or(isNull(memberships.expiresAt), gt(memberships.expiresAt, now)),
      ),
    );
  return leads.length ? leads.map((l) => l.userId) : [...adminIds];
}

import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { eventAllowlist } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { transition } from '../transition';
import { loadEventForAccess } from './event-access-facts';

/** Removes an entry (admin or lead): from now on it opens nothing. The person is told. */
export async function revokeEventAccess(
  actor: Actor,
  input: { eventId: string; entryId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async (work) => {
      const { tx, audit } = work;
      const loaded = await loadEventForAccess(work, 'event.access.revoke', input.eventId, { entryId: input.entryId });
      const row = await transition(tx, {
        table: eventAllowlist,
        row: and(eq(eventAllowlist.id, input.entryId), eq(eventAllowlist.eventId, loaded.eventId))!,
        from: isNull(eventAllowlist.revokedAt),
        set: { revokedAt: now, revokedBy: actor.id },
        returning: { userId: eventAllowlist.userId },
      });
      if (!row) throw invalid('This entry is already removed.');
      audit({
        actorId: actor.id,
        action: 'event.access.revoke',
        targetType: 'event',
        targetId: loaded.eventId,
        projectId: loaded.projectId,
        outcome: 'allowed',
        details: { entryId: input.entryId, granteeId: row.userId },
        meta,
      });
      await notify(
        tx,
        {
          kind: 'access.revoked',
          userIds: [row.userId],
          projectId: loaded.projectId,
          subject: input.entryId,
          except: actor.id,
        },
        (r) => ({
          title: `Event access removed: ${loaded.eventName} in ${r.projectLabel}`,
          body: `You were removed from the allowlist of ${loaded.eventName} in ${r.projectLabel}: its venue and guests' needs are no longer shown to you.`,
        }),
      );
    },
    { meta, now },
  );
}

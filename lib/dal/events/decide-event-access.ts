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

/** The owning client approves or refuses a pending entry. */
export async function decideEventAccess(
  actor: Actor,
  input: { eventId: string; entryId: string; decision: 'approve' | 'refuse' },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async (work) => {
      const { tx, audit } = work;
      const loaded = await loadEventForAccess(work, 'event.access.decide', input.eventId, { entryId: input.entryId });
      const status = input.decision === 'approve' ? 'active' : 'refused';
      const row = await transition(tx, {
        table: eventAllowlist,
        row: and(eq(eventAllowlist.id, input.entryId), eq(eventAllowlist.eventId, loaded.eventId))!,
        from: and(eq(eventAllowlist.status, 'pending'), isNull(eventAllowlist.revokedAt))!,
        set: { status, decidedBy: actor.id, decidedAt: now },
        returning: { userId: eventAllowlist.userId, grantedBy: eventAllowlist.grantedBy },
      });
      if (!row) throw invalid('This entry was already decided or removed.');
      audit({
        actorId: actor.id,
        action: input.decision === 'approve' ? 'event.access.approve' : 'event.access.refuse',
        targetType: 'event',
        targetId: loaded.eventId,
        projectId: loaded.projectId,
        outcome: 'allowed',
        details: { entryId: input.entryId, granteeId: row.userId },
        meta,
      });
      const told = [row.userId, ...(row.grantedBy ? [row.grantedBy] : [])];
      await notify(
        tx,
        {
          kind: input.decision === 'approve' ? 'highrisk.approved' : 'highrisk.refused',
          userIds: told,
          projectId: loaded.projectId,
          subject: input.entryId,
        },
        (r, mention) => ({
          title: `Event access ${input.decision === 'approve' ? 'approved' : 'refused'} by the client: ${loaded.eventName} in ${r.projectLabel}`,
          body: `The client ${input.decision === 'approve' ? 'approved' : 'refused'} ${mention(row.userId)}'s access to the venue and guests' needs of ${loaded.eventName} in ${r.projectLabel}.`,
          href: `/projects/${loaded.projectId}/events/${loaded.eventId}`,
        }),
      );
    },
    { meta, now },
  );
}

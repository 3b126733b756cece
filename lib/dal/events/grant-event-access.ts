import 'server-only';
import { randomUUID } from 'node:crypto';
import { eventAllowlist } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { checkEventGrantee } from '@/lib/authz/event-access';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { owningClientAudience } from '../notifications/audience';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { entriesOf, eventRunners, loadEventForAccess, requiresApproval } from './event-access-facts';

/**
 * Puts a person who runs the event on its allowlist: active at once, or pending the owning client's approval
 * when the client requires it. The grantee (and, for a pending entry, the client) is told.
 */
export async function grantEventAccess(
  actor: Actor,
  input: { eventId: string; userId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async (work) => {
      const { tx, audit, deny, enforce } = work;
      const loaded = await loadEventForAccess(work, 'event.access.grant', input.eventId, { granteeId: input.userId });
      const grantee = (await eventRunners(tx, loaded.projectId, now)).find((p) => p.id === input.userId);
      const event = {
        action: 'event.access.grant',
        targetType: 'event',
        targetId: loaded.eventId,
        projectId: loaded.projectId,
        details: { granteeId: input.userId },
        recordAllowed: false,
      } as const;
      const notARunner = invalid(
        'Choose someone who runs this project’s events (its lead or a member with the logistics scope), other than yourself.',
        { userId: ['Choose a person from the list.'] },
      );
      if (!grantee) return deny({ ...event, reason: 'scope_missing' }, notARunner);
      enforce(checkEventGrantee(actor, loaded.project, grantee, now), event, notARunner);
      const current = (await entriesOf(tx, loaded.eventId)).find(
        (e) => e.userId === grantee.id && e.revokedAt === null && e.status !== 'refused',
      );
      if (current)
        throw invalid(
          `${grantee.name} is already on this event’s allowlist${current.status === 'pending' ? ' (waiting for the client’s approval)' : ''}.`,
        );
      const status = (await requiresApproval(tx, loaded.project.clientAccountId)) ? 'pending' : 'active';
      const id = randomUUID();
      await tx.insert(eventAllowlist).values({
        id,
        eventId: loaded.eventId,
        userId: grantee.id,
        reason: input.reason,
        grantedBy: actor.id,
        grantedAt: now,
        status,
      });
      audit({
        actorId: actor.id,
        action: 'event.access.grant',
        targetType: 'event',
        targetId: loaded.eventId,
        projectId: loaded.projectId,
        outcome: 'allowed',
        reason: input.reason,
        details: { entryId: id, granteeId: grantee.id, status },
        meta,
      });
      const href = `/projects/${loaded.projectId}/events/${loaded.eventId}`;
      if (status === 'active') {
        await notify(
          tx,
          { kind: 'access.granted', userIds: [grantee.id], projectId: loaded.projectId, subject: id },
          (r) => ({
            title: `Event access granted: ${loaded.eventName} in ${r.projectLabel}`,
            body: `You can now see the venue, access and security arrangements and guests' needs of ${loaded.eventName} in ${r.projectLabel}.`,
            href,
          }),
        );
      } else {
        await notify(
          tx,
          {
            kind: 'highrisk.pending',
            userIds: await owningClientAudience(tx, loaded.projectId),
            projectId: loaded.projectId,
            subject: null,
          },
          (r, mention) => ({
            title: `Your approval is needed: access to an event's venue and guests' needs in ${r.projectLabel}`,
            body: `${mention(grantee.id)} was put on the allowlist of ${loaded.eventName} in ${r.projectLabel}. Reason given: ${input.reason}. It gives no access until you approve it; you may refuse it.`,
            href,
          }),
        );
      }
      return { id, status };
    },
    { meta, now },
  );
}

import 'server-only';
import type { Actor } from '@/lib/authz';
import { canEventAccess, checkEventGrantee } from '@/lib/authz/event-access';
import { withActor } from '../transaction';
import {
  entriesOf,
  eventRunners,
  loadEventProject,
  requiresApproval,
  type EventAccessEntry,
} from './event-access-facts';

export type EventAccessView = {
  entries: EventAccessEntry[];
  /** The viewer may grant and remove entries (admin or lead). */
  mayGrant: boolean;
  /** The viewer is the owning client, who decides pending entries. */
  mayDecide: boolean;
  requiresApproval: boolean;
  /** People who run the project's events and are not on the allowlist (active or pending). */
  candidates: { id: string; name: string }[];
};

/** The allowlist section of the event page, for admins and leads (to manage) and the owning client (to decide). */
export async function readEventAccess(
  actor: Actor,
  eventId: string,
  now = new Date(),
): Promise<EventAccessView | null> {
  return withActor(actor, async ({ tx }) => {
    const loaded = await loadEventProject(tx, actor, eventId);
    if (!loaded) return null;
    const mayGrant = canEventAccess(actor, 'event.access.grant', loaded.project, now).allowed;
    const mayDecide = canEventAccess(actor, 'event.access.decide', loaded.project, now).allowed;
    if (!mayGrant && !mayDecide) return null;
    const entries = await entriesOf(tx, eventId);
    const current = new Set(entries.filter((e) => e.revokedAt === null && e.status !== 'refused').map((e) => e.userId));
    const candidates = mayGrant
      ? (await eventRunners(tx, loaded.projectId, now))
          .filter((p) => !current.has(p.id) && checkEventGrantee(actor, loaded.project, p, now).allowed)
          .map((p) => ({ id: p.id, name: p.name }))
          .sort((a, b) => a.name.localeCompare(b.name))
      : [];
    return {
      entries,
      mayGrant,
      mayDecide,
      requiresApproval: await requiresApproval(tx, loaded.project.clientAccountId),
      candidates,
    };
  });
}

import 'server-only';
import { can, type Actor } from '@/lib/authz';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';

/** Whether to offer the new-event form: the policy's `event.manage` on the project (the action asks again). */
export async function mayCreateEvent(actor: Actor, projectId: string, now = new Date()): Promise<boolean> {
  return withActor(actor, async ({ tx }) => {
    const project = await loadProjectFacts(tx, actor, projectId);
    return project ? can(actor, 'event.manage', { type: 'event', project, event: null }, now).allowed : false;
  });
}

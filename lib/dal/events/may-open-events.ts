import 'server-only';
import { can, type Actor } from '@/lib/authz';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';

/** Whether to link the project's events: the policy's `event.view` on the project. */
export async function mayOpenEvents(actor: Actor, projectId: string, now = new Date()): Promise<boolean> {
  return withActor(actor, async ({ tx }) => {
    const project = await loadProjectFacts(tx, actor, projectId);
    return project ? can(actor, 'event.view', { type: 'event', project, event: null }, now).allowed : false;
  });
}

import 'server-only';
import { can, type Actor } from '@/lib/authz';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';
import { activeAgencyMembers } from './load-agency-members';

/** Agency members of a project who may be put on a new high-risk item's allowlist. */
export async function listAllowlistCandidates(actor: Actor, projectId: string, now = new Date()) {
  return withActor(actor, async ({ tx }) => {
    const facts = await loadProjectFacts(tx, actor, projectId);
    if (!facts || !can(actor, 'project.view', { type: 'project', project: facts }, now).allowed) return [];
    return activeAgencyMembers(tx, projectId, now);
  });
}

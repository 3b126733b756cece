import 'server-only';
import { and, eq } from 'drizzle-orm';
import { authorizations } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import type { PublicUseKind } from '@/lib/public-use/texts';
import { canReview } from '@/lib/authz/reviews';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';
import { inForce, loadClient } from './load-client';

export type ProjectPermissionSummary = {
  /** The owning client: who can see it, who did. */
  mayViewAccess: boolean;
  /** The project's people and the client: the authorization status. */
  mayViewAuthorizations: boolean;
  inForce: PublicUseKind[];
  zeroPublicAssociation: boolean;
  /** The lead (or an admin): the project's periodic access review. */
  mayReview: boolean;
  /** The active lead: who is on the project (issue 16). */
  mayViewMembers: boolean;
};

/** What the project page shows of permissions: links the policy allows, and which public uses are in force. */
export async function getProjectPermissionSummary(
  actor: Actor,
  projectId: string,
  now = new Date(),
): Promise<ProjectPermissionSummary | null> {
  return withActor(actor, async ({ tx }) => {
    const project = await loadProjectFacts(tx, actor, projectId);
    const client = project ? await loadClient(tx, project.clientAccountId) : null;
    if (!project || !client) return null;
    const mayViewAuthorizations = can(
      actor,
      'authorization.view',
      { type: 'public_use', project, client },
      now,
    ).allowed;
    const rows = mayViewAuthorizations
      ? await tx
          .selectDistinct({ kind: authorizations.kind })
          .from(authorizations)
          .where(and(eq(authorizations.projectId, projectId), inForce(now)))
      : [];
    return {
      mayViewAccess: can(actor, 'project.view_access', { type: 'project', project }, now).allowed,
      mayViewAuthorizations,
      inForce: rows.map((r) => r.kind as PublicUseKind),
      zeroPublicAssociation: mayViewAuthorizations && client.zeroPublicAssociation,
      mayReview: canReview(actor, 'review.view', { project }, now).allowed,
      mayViewMembers: can(actor, 'project.members.view', { type: 'project', project }, now).allowed,
    };
  });
}

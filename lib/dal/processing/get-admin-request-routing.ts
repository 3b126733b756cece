import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { clientAccounts, engagementRoles, privacyRequestRoutings, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export type AdminRouting = { project: string; controllerNamed: boolean; routedAt: Date };
export type ProcessorEngagementOption = {
  projectId: string;
  project: string;
  client: string;
  instructionsRef: string | null;
};

/** For the admin's request page: where the request went, or the processor engagements it could go to (by codename). */
export async function requestRoutingForAdmin(
  actor: Actor,
  requestId: string,
): Promise<{ routing: AdminRouting | null; options: ProcessorEngagementOption[] }> {
  assertAllowed(actor, 'privacy.manage');
  return withActor(actor, async ({ tx }) => {
    const [routing] = await tx
      .select({
        project: projectDirectory.codename,
        name: privacyRequestRoutings.controllerPublicName,
        routedAt: privacyRequestRoutings.routedAt,
      })
      .from(privacyRequestRoutings)
      .innerJoin(projectDirectory, eq(projectDirectory.id, privacyRequestRoutings.projectId))
      .where(eq(privacyRequestRoutings.requestId, requestId));
    const options = await tx
      .select({
        projectId: projectDirectory.id,
        project: projectDirectory.codename,
        client: clientAccounts.codename,
        instructionsRef: engagementRoles.instructionsRef,
      })
      .from(engagementRoles)
      .innerJoin(projectDirectory, eq(projectDirectory.id, engagementRoles.projectId))
      .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
      .where(eq(engagementRoles.role, 'processor'))
      .orderBy(asc(projectDirectory.codename));
    return {
      routing: routing
        ? { project: routing.project, controllerNamed: routing.name !== null, routedAt: routing.routedAt }
        : null,
      options,
    };
  });
}

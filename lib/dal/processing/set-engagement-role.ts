import 'server-only';
import { eq } from 'drizzle-orm';
import { engagementRoles, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import type { EngagementRole } from '@/lib/privacy/processing-vocabulary';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

/**
 * Whether the agency is controller or processor of an engagement (a project), and for a processor engagement the
 * reference of the controller's instructions on file. The controller is the project's owning client: never typed.
 */
export async function setEngagementRole(
  actor: Actor,
  input: { projectId: string; role: EngagementRole; instructionsRef: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'processing.manage');
  await withActor(
    actor,
    async ({ tx, audit }) => {
      const [project] = await tx
        .select({ id: projectDirectory.id })
        .from(projectDirectory)
        .where(eq(projectDirectory.id, input.projectId));
      if (!project) throw notFoundError();
      const [before] = await tx
        .select()
        .from(engagementRoles)
        .where(eq(engagementRoles.projectId, input.projectId))
        .for('update');
      const values = {
        role: input.role,
        instructionsRef: input.role === 'processor' ? input.instructionsRef : null,
        setBy: actor.id,
        setAt: now,
      };
      await tx
        .insert(engagementRoles)
        .values({ projectId: input.projectId, ...values })
        .onConflictDoUpdate({ target: engagementRoles.projectId, set: values });
      audit({
        actorId: actor.id,
        action: 'processing.engagement_role_set',
        targetType: 'project',
        targetId: input.projectId,
        outcome: 'allowed',
        details: {
          before: before
            ? { role: before.role, instructionsRef: before.instructionsRef }
            : { role: 'controller', instructionsRef: null },
          after: { role: values.role, instructionsRef: values.instructionsRef },
        },
        meta,
      });
    },
    { meta, now },
  );
}

import 'server-only';
import { and, eq } from 'drizzle-orm';
import {
  clientAccounts,
  engagementRoles,
  privacyRequestRoutings,
  privacyRequests,
  projectDirectory,
} from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { routingEmail } from '@/lib/privacy/processing-routing';
import { formatRequestRef, REQUEST_KIND_SHORT } from '@/lib/privacy/vocabulary';
import { tellOwningClient } from '../memberships/tell-owning-client';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { lockOpenRequest, notifyRequester } from '@/lib/dal/privacy/open-request';
import { withActor } from '../transaction';

/**
 * A verified rights request about data the agency holds as processor for an engagement (issue 15 point 5): the
 * requester is told to contact the controller — named only when that client allows public association — and the
 * controller's people are told of the request (in the portal, and by an email that links there). As processor the
 * agency answers no further on its own, so the request closes here, routed.
 */
export async function routePrivacyRequest(
  actor: Actor,
  input: { requestId: string; projectId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ named: boolean }> {
  assertAllowed(actor, 'privacy.manage');
  return withActor(
    actor,
    async ({ tx, audit }) => {
      const row = await lockOpenRequest(tx, input.requestId);
      if (row.status === 'verifying')
        throw invalid('This request is not verified yet: route it once the requester has confirmed it.');
      const [engagement] = await tx
        .select({
          projectId: projectDirectory.id,
          codename: projectDirectory.codename,
          clientAccountId: clientAccounts.id,
          clientName: clientAccounts.name,
          zeroPublicAssociation: clientAccounts.zeroPublicAssociation,
          instructionsRef: engagementRoles.instructionsRef,
        })
        .from(engagementRoles)
        .innerJoin(projectDirectory, eq(projectDirectory.id, engagementRoles.projectId))
        .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
        .where(and(eq(engagementRoles.projectId, input.projectId), eq(engagementRoles.role, 'processor')));
      if (!engagement) throw notFoundError();
      // The requester learns the controller's name only when the client allows public association (docs/product.md §5).
      const controllerPublicName = engagement.zeroPublicAssociation ? null : engagement.clientName;
      await tx.insert(privacyRequestRoutings).values({
        requestId: row.id,
        projectId: engagement.projectId,
        controllerPublicName,
        routedBy: actor.id,
        routedAt: now,
      });
      await tx
        .update(privacyRequests)
        .set({ status: 'completed', closedAt: now, updatedAt: now })
        .where(eq(privacyRequests.id, row.id));
      await notifyRequester(tx, row, routingEmail({ ref: row.ref, kind: row.kind }, controllerPublicName));
      const what = `${formatRequestRef(row.ref)} (${REQUEST_KIND_SHORT[row.kind]})`;
      await tellOwningClient(
        tx,
        {
          kind: 'privacy.routed',
          clientAccountId: engagement.clientAccountId,
          projectId: engagement.projectId,
          subject: null,
        },
        (recipient) => ({
          title: `A privacy request about data we process for you on ${recipient.projectLabel} is yours to answer`,
          body: `${what} from ${row.subjectName} <${row.subjectEmail}>${row.details ? `: “${row.details}”` : ''}. We hold this data as your processor under ${engagement.instructionsRef}; as controller you decide and answer the request. Tell us your instructions if we must act on the data.`,
        }),
      );
      audit({
        actorId: actor.id,
        action: 'privacy.request_routed',
        targetType: 'privacy_request',
        targetId: row.id,
        outcome: 'allowed',
        details: { projectId: engagement.projectId, controllerNamed: controllerPublicName !== null },
        meta,
      });
      return { named: controllerPublicName !== null };
    },
    { meta, now },
  );
}

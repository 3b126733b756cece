import 'server-only';
import { and, eq } from 'drizzle-orm';
import { policyAcknowledgements, policyVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { inEffect } from './policy-version-facts';

export async function acknowledgePolicy(
  actor: Actor,
  policyVersionId: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await withActor(actor, async ({ tx, audit }) => {
    const [version] = await tx
      .select({ id: policyVersions.id, version: policyVersions.version })
      .from(policyVersions)
      .where(and(eq(policyVersions.id, policyVersionId), inEffect(now)));
    if (!version) throw notFoundError();
    const inserted = await tx
      .insert(policyAcknowledgements)
      .values({ userId: actor.id, policyVersionId, acknowledgedAt: now })
      .onConflictDoNothing()
      .returning({ id: policyAcknowledgements.id });
    if (inserted.length > 0) {
      audit({
        actorId: actor.id,
        action: 'privacy.policy_acknowledged',
        targetType: 'policy_version',
        targetId: version.id,
        outcome: 'allowed',
        details: { version: version.version },
        meta,
      });
    }
  });
}

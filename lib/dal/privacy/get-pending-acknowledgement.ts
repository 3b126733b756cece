import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { policyAcknowledgements, policyVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { inEffect } from './policy-version-facts';

export type PendingAcknowledgement = { id: string; version: number; summary: string; effectiveOn: string };

/** The latest material change in effect that this person has not acknowledged yet, if any. */
export async function pendingAcknowledgement(actor: Actor, now = new Date()): Promise<PendingAcknowledgement | null> {
  const [row] = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: policyVersions.id,
        version: policyVersions.version,
        summary: policyVersions.summary,
        effectiveOn: policyVersions.effectiveOn,
        acked: policyAcknowledgements.id,
      })
      .from(policyVersions)
      .leftJoin(
        policyAcknowledgements,
        and(eq(policyAcknowledgements.policyVersionId, policyVersions.id), eq(policyAcknowledgements.userId, actor.id)),
      )
      .where(and(eq(policyVersions.material, true), inEffect(now)))
      .orderBy(desc(policyVersions.version))
      .limit(1),
  );
  if (!row || row.acked) return null;
  return { id: row.id, version: row.version, summary: row.summary, effectiveOn: row.effectiveOn };
}

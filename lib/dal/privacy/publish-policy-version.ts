import 'server-only';
import { max, sql } from 'drizzle-orm';
import { policyVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import { isoDay } from '@/lib/privacy/clocks';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

export type PublishInput = { title: string; body: string; summary: string; effectiveOn: string; material: boolean };

/** A new version, never an edit: published texts are immutable (the app role has no UPDATE on them). */
export async function publishPolicyVersion(
  actor: Actor,
  input: PublishInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ version: number }> {
  assertAllowed(actor, 'privacy.manage');
  if (input.effectiveOn < isoDay(now))
    throw invalid('The effective date cannot be in the past.', { effectiveOn: ['Today or later.'] });
  return withActor(actor, async ({ tx, audit }) => {
    // One publisher at a time: the next number is taken under a transaction-scoped lock.
    await tx.execute(sql`select pg_advisory_xact_lock(7215922)`);
    const [last] = await tx.select({ v: max(policyVersions.version) }).from(policyVersions);
    const version = (last?.v ?? 0) + 1;
    const [row] = await tx
      .insert(policyVersions)
      .values({
        version,
        title: input.title,
        body: input.body,
        bodySha256: sha256Hex(input.body),
        summary: input.summary,
        effectiveOn: input.effectiveOn,
        material: input.material,
        publishedBy: actor.id,
        publishedAt: now,
      })
      .returning({ id: policyVersions.id });
    audit({
      actorId: actor.id,
      action: 'privacy.policy_published',
      targetType: 'policy_version',
      targetId: row!.id,
      outcome: 'allowed',
      details: { version, effectiveOn: input.effectiveOn, material: input.material },
      meta,
    });
    return { version };
  });
}

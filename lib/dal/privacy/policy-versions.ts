import 'server-only';
import { and, desc, eq, lte, max, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { policyAcknowledgements, policyVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid, notFoundError } from '@/lib/errors';
import { isoDay } from '@/lib/privacy/clocks';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

export type PolicyVersion = {
  id: string;
  version: number;
  title: string;
  body: string;
  summary: string;
  effectiveOn: string;
  material: boolean;
  publishedAt: Date;
};
export type PolicyVersionSummary = Omit<PolicyVersion, 'body'>;

const summaryColumns = {
  id: policyVersions.id,
  version: policyVersions.version,
  title: policyVersions.title,
  summary: policyVersions.summary,
  effectiveOn: policyVersions.effectiveOn,
  material: policyVersions.material,
  publishedAt: policyVersions.publishedAt,
};

const inEffect = (now: Date) => lte(policyVersions.effectiveOn, isoDay(now));

/** The version in effect: the highest-numbered one whose effective date has come. */
export async function currentPolicyVersionNumber(tx: Executor, now = new Date()): Promise<number | null> {
  const [row] = await tx
    .select({ v: max(policyVersions.version) })
    .from(policyVersions)
    .where(inEffect(now));
  return row?.v ?? null;
}

export async function getCurrentPolicy(now = new Date()): Promise<PolicyVersion | null> {
  const [row] = await withActor(null, ({ tx }) =>
    tx
      .select({ ...summaryColumns, body: policyVersions.body })
      .from(policyVersions)
      .where(inEffect(now))
      .orderBy(desc(policyVersions.version))
      .limit(1),
  );
  return row ?? null;
}

/** Every version in effect or past, newest first; `includeScheduled` adds those not yet in effect (admins). */
export async function listPolicyVersions(
  options: { includeScheduled?: boolean } = {},
  now = new Date(),
): Promise<PolicyVersionSummary[]> {
  return withActor(null, ({ tx }) =>
    tx
      .select(summaryColumns)
      .from(policyVersions)
      .where(options.includeScheduled ? undefined : inEffect(now))
      .orderBy(desc(policyVersions.version)),
  );
}

export async function getPolicyVersion(version: number, now = new Date()): Promise<PolicyVersion | null> {
  const [row] = await withActor(null, ({ tx }) =>
    tx
      .select({ ...summaryColumns, body: policyVersions.body })
      .from(policyVersions)
      .where(and(eq(policyVersions.version, version), inEffect(now))),
  );
  return row ?? null;
}

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

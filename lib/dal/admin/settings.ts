import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { agencySettings, DEFAULT_CONTRACTOR_MAX_DAYS, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';

/** The longest a contractor's grant may run, in days: the admin's setting, or one year until one is set. */
export async function loadContractorMaxDays(db: Executor): Promise<number> {
  const [row] = await db.select({ days: agencySettings.contractorMaxDays }).from(agencySettings).limit(1);
  return row?.days ?? DEFAULT_CONTRACTOR_MAX_DAYS;
}

export type AgencySettings = { contractorMaxDays: number; updatedAt: Date | null; updatedBy: string | null };

/** Grants are the admin's, and so is the limit on them (the settings page). */
export async function getAgencySettings(actor: Actor): Promise<AgencySettings> {
  assertAllowed(actor, 'membership.grant');
  return withActor(actor, async ({ tx }) => {
    const [row] = await tx
      .select({ days: agencySettings.contractorMaxDays, updatedAt: agencySettings.updatedAt, updatedBy: users.name })
      .from(agencySettings)
      .leftJoin(users, eq(users.id, agencySettings.updatedBy))
      .limit(1);
    return {
      contractorMaxDays: row?.days ?? DEFAULT_CONTRACTOR_MAX_DAYS,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}

/** Sets the contractor maximum; audited with the old and new value. Grants already made keep their dates. */
export async function setContractorMaxDays(
  actor: Actor,
  input: { days: number },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'membership.grant');
  await withActor(actor, async ({ tx, audit }) => {
    const before = await loadContractorMaxDays(tx);
    await tx
      .insert(agencySettings)
      .values({ id: true, contractorMaxDays: input.days, updatedAt: now, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: agencySettings.id,
        set: { contractorMaxDays: input.days, updatedAt: now, updatedBy: actor.id },
      });
    audit({
      actorId: actor.id,
      action: 'settings.contractor_max_days',
      targetType: 'settings',
      targetId: null,
      outcome: 'allowed',
      details: { from: before, to: input.days },
      meta,
    });
  });
}

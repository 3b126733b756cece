import 'server-only';
import { eq } from 'drizzle-orm';
import { agencySettings, DEFAULT_CONTRACTOR_MAX_DAYS, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

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

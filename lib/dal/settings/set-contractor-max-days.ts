import 'server-only';
import { agencySettings } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { loadContractorMaxDays } from './load-contractor-max-days';

/** Sets the contractor maximum; audited with the old and new value. Grants already made keep their dates. */
export async function setContractorMaxDays(
  actor: Actor,
  input: { days: number },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'membership.grant');
  await withActor(
    actor,
    async ({ tx, audit }) => {
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
    },
    { meta, now },
  );
}

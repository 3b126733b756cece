import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { shortlists } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canShortlist } from '@/lib/authz/profiles';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

/** Staff start a shortlist of creators for a brand's campaign (`shortlist.create`); proposed later. */
export async function createShortlist(
  actor: Actor,
  input: { brandAccountId: string; campaign: string },
  meta: RequestMeta,
): Promise<string> {
  return withActor(
    actor,
    async ({ tx, audit, enforce }) => {
      // Client accounts are walled (migration 0028): whether the account is a brand comes from a definer function.
      const [brand] = rowsOf<{ is_brand: boolean }>(
        await tx.execute(sql`select app_is_brand_account(${input.brandAccountId}) as is_brand`),
      );
      const decision = canShortlist(actor, 'shortlist.create', {
        createdBy: actor.id,
        brandAccountId: input.brandAccountId,
        brandIsBrand: brand?.is_brand === true,
        proposed: false,
      });
      enforce(decision, {
        action: 'shortlist.create',
        targetType: 'client_account',
        targetId: input.brandAccountId,
        recordAllowed: false,
      });
      const [row] = await tx
        .insert(shortlists)
        .values({ brandAccountId: input.brandAccountId, campaign: input.campaign, createdBy: actor.id })
        .returning({ id: shortlists.id });
      audit({
        actorId: actor.id,
        action: 'shortlist.create',
        targetType: 'shortlist',
        targetId: row!.id,
        outcome: 'allowed',
        meta,
      });
      return row!.id;
    },
    { meta },
  );
}

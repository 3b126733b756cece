import 'server-only';
import { consentRecords } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { currentPolicyVersionNumber } from './policy-version-facts';
import type { Decision } from './latest-consents';
import { ACCOUNT_PURPOSES } from './list-account-consents';

export async function recordAccountConsent(
  actor: Actor,
  input: { purpose: (typeof ACCOUNT_PURPOSES)[number]; decision: Decision },
): Promise<void> {
  await withActor(actor, async ({ tx }) => {
    const noticeVersion = await currentPolicyVersionNumber(tx);
    await tx
      .insert(consentRecords)
      .values({ userId: actor.id, purpose: input.purpose, decision: input.decision, method: 'account', noticeVersion });
  });
}

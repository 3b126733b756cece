import 'server-only';
import { eq } from 'drizzle-orm';
import { consentRecords } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { type Decision, type Method, latest } from './latest-consents';

export const ACCOUNT_PURPOSES = ['marketing_email', 'sale_sharing', 'sensitive_use'] as const;
export type AccountConsent = {
  purpose: (typeof ACCOUNT_PURPOSES)[number];
  decision: Decision | null;
  method: Method | null;
  at: Date | null;
};

/** A signed-in person's account-level choices (marketing emails, sale/sharing, sensitive data). */
export async function accountConsents(actor: Actor): Promise<AccountConsent[]> {
  const state = await withActor(actor, ({ tx }) => latest(tx, eq(consentRecords.userId, actor.id), ACCOUNT_PURPOSES));
  return ACCOUNT_PURPOSES.map((purpose) => {
    const s = state.get(purpose);
    return { purpose, decision: s?.decision ?? null, method: s?.method ?? null, at: s?.at ?? null };
  });
}

import 'server-only';
import { consentRecords } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { OPTIONAL_COOKIE_CATEGORIES, type CookieChoices } from '@/lib/privacy/vocabulary';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { withActor } from '../transaction';
import { currentPolicyVersionNumber } from './policy-version-facts';
import { type CookieState, cookieState } from './get-cookie-state';
import type { Decision } from './latest-consents';

/**
 * Records a browser's cookie choices, one record per category. With Global Privacy Control on, marketing is
 * refused whatever was ticked, recorded as a GPC decision; GPC first seen with no choice yet refuses everything
 * optional. Absence of the signal later changes nothing: only a new choice does.
 */
export async function recordCookieChoices(input: {
  browserId: string;
  actor: Actor | null;
  choices: CookieChoices;
  method: 'banner' | 'settings' | 'gpc';
  gpc: boolean;
}): Promise<CookieState> {
  await withActor(input.actor, async ({ tx }) => {
    await bindCredential(tx, { browser: input.browserId });
    const noticeVersion = await currentPolicyVersionNumber(tx);
    const base = { browserId: input.browserId, userId: input.actor?.id ?? null, noticeVersion };
    const rows: (typeof consentRecords.$inferInsert)[] = OPTIONAL_COOKIE_CATEGORIES.map((purpose) => {
      const refusedByGpc = input.gpc && purpose === 'marketing';
      const decision: Decision = refusedByGpc ? 'denied' : input.choices[purpose] ? 'granted' : 'denied';
      return { ...base, purpose, decision, method: refusedByGpc ? ('gpc' as const) : input.method };
    });
    if (input.gpc) rows.push({ ...base, purpose: 'sale_sharing', decision: 'denied', method: 'gpc' });
    await tx.insert(consentRecords).values(rows);
  });
  return cookieState(input.browserId);
}

import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { consentRecords } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { NO_OPTIONAL_COOKIES, OPTIONAL_COOKIE_CATEGORIES, type CookieChoices } from '@/lib/privacy/vocabulary';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import type { ConsentDecision, ConsentMethod, ConsentPurpose } from '@/lib/vocabulary';
import { withActor } from '../transaction';
import { currentPolicyVersionNumber } from './policy-versions';

type Purpose = ConsentPurpose;
type Method = ConsentMethod;
type Decision = ConsentDecision;

/** The latest record of each purpose wins: that is the current state (the records themselves never change). */
async function latest(tx: Executor, where: ReturnType<typeof eq>, purposes: readonly Purpose[]) {
  const rows = await tx
    .select({
      purpose: consentRecords.purpose,
      decision: consentRecords.decision,
      method: consentRecords.method,
      at: consentRecords.createdAt,
    })
    .from(consentRecords)
    .where(and(where, inArray(consentRecords.purpose, [...purposes])))
    .orderBy(desc(consentRecords.createdAt), desc(consentRecords.id));
  const out = new Map<Purpose, { decision: Decision; method: Method; at: Date }>();
  for (const r of rows) if (!out.has(r.purpose)) out.set(r.purpose, r);
  return out;
}

export type CookieState = { decided: boolean; choices: CookieChoices; gpcHonoured: boolean };

export async function cookieState(browserId: string | null): Promise<CookieState> {
  if (!browserId) return { decided: false, choices: NO_OPTIONAL_COOKIES, gpcHonoured: false };
  const state = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { browser: browserId });
    return latest(tx, eq(consentRecords.browserId, browserId), OPTIONAL_COOKIE_CATEGORIES);
  });
  if (state.size === 0) return { decided: false, choices: NO_OPTIONAL_COOKIES, gpcHonoured: false };
  const granted = (p: Purpose) => state.get(p)?.decision === 'granted';
  return {
    decided: true,
    choices: { analytics: granted('analytics'), functional: granted('functional'), marketing: granted('marketing') },
    gpcHonoured: [...state.values()].some((s) => s.method === 'gpc'),
  };
}

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

import 'server-only';
import { eq } from 'drizzle-orm';
import { consentRecords } from '@/db/schema';
import { NO_OPTIONAL_COOKIES, OPTIONAL_COOKIE_CATEGORIES, type CookieChoices } from '@/lib/privacy/vocabulary';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { withActor } from '../transaction';
import { type Purpose, latest } from './latest-consents';

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

import type { Metadata } from 'next';
import { CookieSettings } from '@/components/privacy/cookie-settings';
import { cookieState } from '@/lib/dal/privacy/get-cookie-state';
import { readConsentContext } from '@/lib/privacy/consent-cookie';
import { saveCookieChoicesAction } from './actions';

export const metadata: Metadata = { title: 'Cookie settings' };

/** Cookie settings as a page of its own (also where the "Privacy choices" link leads without JavaScript). */
export default async function CookieSettingsPage() {
  const { browserId, gpcSignal } = await readConsentContext();
  const state = await cookieState(browserId);
  const gpc = gpcSignal || state.gpcHonoured;
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Cookie settings</h1>
      <p className="text-sm leading-relaxed">
        Only strictly necessary cookies are on unless you choose otherwise. Your choices are kept as a record with the
        date and the policy version you saw; each change is a new record.
      </p>
      <p className="text-sm" data-testid="cookie-state">
        {state.decided
          ? 'Your current choices are shown below.'
          : 'You have not made a choice yet: only strictly necessary cookies are on.'}
      </p>
      {gpc ? (
        <p className="rounded-md border border-accent/30 bg-accent/5 p-3 text-sm" data-testid="gpc-honoured">
          Your browser sends the Global Privacy Control signal{gpcSignal ? '' : ' (or did, when you first visited)'}. We
          honour it as an opt-out: marketing cookies stay off and we never sell or share your data. If the signal stops,
          we keep your opt-out.
        </p>
      ) : null}
      <CookieSettings current={state.choices} gpc={gpc} save={saveCookieChoicesAction} />
    </div>
  );
}

import Link from 'next/link';
import { CookieConsent, type ConsentState } from './cookie-consent';
import type { SaveCookieChoices } from './cookie-preferences';

/** The footer of every page: the policy, privacy requests, and the "Privacy choices" link that reopens the cookie banner. */
export function SiteFooter({
  consent,
  gpcSignal,
  save,
}: {
  consent: ConsentState;
  gpcSignal: boolean;
  save: SaveCookieChoices;
}) {
  const gpc = gpcSignal || consent.gpcHonoured;
  return (
    <footer className="border-t border-line bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-5 gap-y-2 px-4 py-4 text-xs">
        <span className="font-semibold uppercase tracking-widest text-accent">MM Group</span>
        <Link href="/privacy" className="text-muted underline hover:text-ink">
          Privacy policy
        </Link>
        <Link href="/privacy/request" className="text-muted underline hover:text-ink">
          Privacy request
        </Link>
        <CookieConsent initial={consent} gpcSignal={gpcSignal} save={save} />
        {gpc ? (
          <span data-testid="gpc-status" className="text-muted">
            Global Privacy Control detected: honoured as an opt-out.
          </span>
        ) : null}
      </div>
    </footer>
  );
}

'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { fieldsOf } from '@/lib/actions/action-state';
import { NO_OPTIONAL_COOKIES, OPTIONAL_COOKIE_CATEGORIES, type CookieChoices } from '@/lib/privacy/vocabulary';
import { CHOICE_BUTTON_CLASS, CookiePreferences, type Choose, type SaveCookieChoices } from './cookie-preferences';
import { useOptionalFeatures } from './optional-features';

export type ConsentState = { decided: boolean; choices: CookieChoices; gpcHonoured: boolean };

/** Where the banner opens by itself until a choice is made: the public pages. Everywhere, the link reopens it. */
const AUTO_OPEN = [/^\/privacy(\/(request|versions|export)\b.*)?$/, /^\/portfolio/];

const browserGpc = () =>
  typeof navigator !== 'undefined' &&
  (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;

/**
 * The cookie banner and the "Privacy choices" link. Before a choice nothing optional is set or loaded; Reject all
 * and Accept all sit side by side in the same style; Global Privacy Control (the Sec-GPC header the server saw,
 * or navigator.globalPrivacyControl) is recorded as an opt-out once, and a later absence of the signal changes nothing.
 */
export function CookieConsent({
  initial,
  gpcSignal,
  save,
}: {
  initial: ConsentState;
  gpcSignal: boolean;
  save: SaveCookieChoices;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [layer, setLayer] = useState<'banner' | 'preferences' | null>(null);
  const [error, setError] = useState('');
  const [pending, startTransition] = useTransition();
  const [gpc, setGpc] = useState(gpcSignal || initial.gpcHonoured);
  useOptionalFeatures(state.choices, state.decided, pathname);
  const field = fieldsOf(save);

  const submit = (
    choice: 'accept' | 'reject' | 'save' | 'gpc',
    choices: CookieChoices = NO_OPTIONAL_COOKIES,
    withGpc = gpc,
  ) => {
    const form = new FormData();
    form.set(field('choice'), choice);
    form.set(field('layer'), layer === 'preferences' ? 'settings' : 'banner');
    for (const key of OPTIONAL_COOKIE_CATEGORIES) if (choices[key]) form.set(field(key), 'on');
    if (withGpc) form.set(field('gpc'), 'on');
    startTransition(async () => {
      const result = await save(undefined, form);
      if (!result.ok) return setError(result.message);
      const saved =
        choice === 'accept'
          ? { analytics: true, functional: true, marketing: true }
          : choice === 'save'
            ? choices
            : NO_OPTIONAL_COOKIES;
      setState({
        decided: true,
        choices: withGpc ? { ...saved, marketing: false } : saved,
        gpcHonoured: state.gpcHonoured || withGpc,
      });
      setError('');
      setLayer(null);
      router.refresh();
    });
  };

  useEffect(() => {
    const signal = gpcSignal || browserGpc();
    // The browser's Global Privacy Control is readable only after hydration, hence state set in an effect.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (signal) setGpc(true);
    if (state.decided) return;
    if (signal) submit('gpc', NO_OPTIONAL_COOKIES, true);
    else if (AUTO_OPEN.some((p) => p.test(pathname))) setLayer('banner');
    // Once per page: the state only moves forward.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathname]);

  const choose: Choose = (choice, choices) => submit(choice, choices);

  // While it is open, the banner docks below the page instead of over it (issue 16): the page gets its height as
  // bottom padding, and focus and scrolling keep clear of it, so it never covers a form's last field or button.
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = banner.current;
    if (!layer || !element) return;
    const reserve = () => {
      const height = `${element.offsetHeight}px`;
      document.body.style.paddingBottom = height;
      document.documentElement.style.scrollPaddingBottom = height;
    };
    reserve();
    const observer = new ResizeObserver(reserve);
    observer.observe(element);
    return () => {
      observer.disconnect();
      document.body.style.paddingBottom = '';
      document.documentElement.style.scrollPaddingBottom = '';
    };
  }, [layer]);

  return (
    <>
      <a
        href="/privacy/cookies"
        className="text-muted underline hover:text-ink"
        onClick={(e) => {
          e.preventDefault();
          setLayer('preferences');
        }}
      >
        Privacy choices
      </a>
      {layer ? (
        <div
          ref={banner}
          role="dialog"
          aria-modal="false"
          aria-labelledby="cookie-consent-title"
          className="fixed inset-x-0 bottom-0 z-50 border-t border-line bg-white shadow-lg"
          data-testid="cookie-banner"
        >
          <div className="mx-auto max-w-4xl space-y-3 px-4 py-4 text-left text-sm text-ink">
            <div className="flex items-start justify-between gap-4">
              <h2 id="cookie-consent-title" className="text-base font-semibold">
                {layer === 'banner' ? 'Cookies on this site' : 'Privacy choices'}
              </h2>
              {layer === 'preferences' ? (
                <button type="button" className="text-sm text-muted underline" onClick={() => setLayer(null)}>
                  Close
                </button>
              ) : null}
            </div>
            <p>
              We use strictly necessary cookies to run the site. With your permission we would also use cookies for
              analytics, functionality and marketing. Nothing optional is set until you choose, and you can change your
              mind at any time from the Privacy choices link at the bottom of every page.
            </p>
            {gpc ? (
              <p data-testid="gpc-notice">
                Your browser sends Global Privacy Control: we honour it as an opt-out of optional cookies and of any
                sale or sharing.
              </p>
            ) : null}
            {layer === 'banner' ? (
              <div className="flex flex-wrap items-center gap-2">
                <button
                  type="button"
                  className={CHOICE_BUTTON_CLASS}
                  disabled={pending}
                  onClick={() => choose('reject')}
                >
                  Reject all
                </button>
                <button
                  type="button"
                  className={CHOICE_BUTTON_CLASS}
                  disabled={pending}
                  onClick={() => choose('accept')}
                >
                  Accept all
                </button>
                <button type="button" className="px-2 py-2 text-sm underline" onClick={() => setLayer('preferences')}>
                  Choose cookies
                </button>
              </div>
            ) : (
              <CookiePreferences current={state.choices} gpc={gpc} pending={pending} onChoose={choose} />
            )}
            {error ? (
              <p role="status" className="text-danger">
                {error}
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </>
  );
}

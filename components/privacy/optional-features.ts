'use client';

import { useEffect } from 'react';
import type { CookieChoices } from '@/lib/privacy/vocabulary';

export const FUNCTIONAL_STORAGE_KEY = 'clearance.preferences';

/**
 * Everything optional the site does, started only after consent: a page-view beacon for analytics, a remembered
 * preference for functionality. Withdrawing consent removes the stored preference. Marketing has nothing to
 * load: Clearance runs no campaigns tags.
 */
export function useOptionalFeatures(choices: CookieChoices, decided: boolean, pathname: string) {
  useEffect(() => {
    if (!decided) return;
    if (choices.analytics)
      void fetch('/api/analytics', { method: 'POST', keepalive: true, credentials: 'omit' }).catch(() => {});
  }, [decided, choices.analytics, pathname]);

  useEffect(() => {
    if (!decided) return;
    try {
      if (choices.functional)
        window.localStorage.setItem(FUNCTIONAL_STORAGE_KEY, JSON.stringify({ lastPage: pathname }));
      else if (window.localStorage.getItem(FUNCTIONAL_STORAGE_KEY) !== null)
        window.localStorage.removeItem(FUNCTIONAL_STORAGE_KEY);
    } catch {
      // Storage unavailable (private mode): the preference is simply not remembered.
    }
  }, [decided, choices.functional, pathname]);
}

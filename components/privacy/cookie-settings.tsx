'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import type { CookieChoices } from '@/lib/privacy/vocabulary';
import { CookiePreferences, type Choose } from './cookie-preferences';

type Save = (state: ActionState | undefined, formData: FormData) => Promise<ActionState>;

/** The cookie settings page's form: the same choices as the banner's second layer, recorded as `settings`. */
export function CookieSettings({ current, gpc, save }: { current: CookieChoices; gpc: boolean; save: Save }) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();
  const choose: Choose = (choice, choices) => {
    const form = new FormData();
    form.set('choice', choice);
    form.set('layer', 'settings');
    for (const [key, on] of Object.entries(choices ?? {})) if (on) form.set(key, 'on');
    if (gpc) form.set('gpc', 'on');
    startTransition(async () => {
      const result = await save(undefined, form);
      setMessage(result.message);
      router.refresh();
    });
  };
  return (
    <div className="space-y-3">
      <CookiePreferences
        key={JSON.stringify(current)}
        current={current}
        gpc={gpc}
        pending={pending}
        onChoose={choose}
      />
      <p role="status" aria-live="polite" className="text-sm">
        {message}
      </p>
    </div>
  );
}

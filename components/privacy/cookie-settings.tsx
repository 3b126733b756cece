'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { fieldsOf } from '@/lib/actions/action-state';
import { OPTIONAL_COOKIE_CATEGORIES, type CookieChoices } from '@/lib/privacy/vocabulary';
import { CookiePreferences, type Choose, type SaveCookieChoices } from './cookie-preferences';

/** The cookie settings page's form: the same choices as the banner's second layer, recorded as `settings`. */
export function CookieSettings({
  current,
  gpc,
  save,
}: {
  current: CookieChoices;
  gpc: boolean;
  save: SaveCookieChoices;
}) {
  const router = useRouter();
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();
  const field = fieldsOf(save);
  const choose: Choose = (choice, choices) => {
    const form = new FormData();
    form.set(field('choice'), choice);
    form.set(field('layer'), 'settings');
    for (const key of OPTIONAL_COOKIE_CATEGORIES) if (choices?.[key]) form.set(field(key), 'on');
    if (gpc) form.set(field('gpc'), 'on');
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

'use client';

import { useId, useState } from 'react';
import type { FormAction } from '@/lib/actions/action-state';
import { COOKIE_CATEGORIES, type CookieChoices, type OptionalCookieCategory } from '@/lib/privacy/vocabulary';

/** The action that records cookie choices: its schema must have every field the banner and the settings send. */
export type SaveCookieChoices = FormAction<'choice' | 'layer' | 'gpc' | OptionalCookieCategory>;

export type Choose = (choice: 'accept' | 'reject' | 'save', choices?: CookieChoices) => void;

const BUTTON =
  'inline-flex items-center justify-center rounded-md border border-ink bg-ink px-3.5 py-2 text-sm font-medium text-white hover:bg-ink/90 disabled:opacity-60';

/** The second layer: every category with its purpose, strictly necessary always on; reject and accept stay equal. */
export function CookiePreferences({
  current,
  gpc,
  pending,
  onChoose,
}: {
  current: CookieChoices;
  gpc: boolean;
  pending: boolean;
  onChoose: Choose;
}) {
  const [choices, setChoices] = useState<CookieChoices>(gpc ? { ...current, marketing: false } : current);
  const id = useId();
  return (
    <div className="space-y-3">
      <ul className="space-y-2">
        {COOKIE_CATEGORIES.map((c) => {
          const necessary = c.key === 'necessary';
          const blockedByGpc = c.key === 'marketing' && gpc;
          const checked = necessary ? true : choices[c.key];
          return (
            <li key={c.key} className="rounded-md border border-line p-2">
              <label htmlFor={`${id}-${c.key}`} className="flex items-start gap-2 text-sm">
                <input
                  id={`${id}-${c.key}`}
                  type="checkbox"
                  className="mt-0.5 size-4"
                  checked={checked}
                  disabled={necessary || blockedByGpc || pending}
                  onChange={(e) => !necessary && setChoices({ ...choices, [c.key]: e.target.checked })}
                />
                <span>
                  <span className="font-medium">{c.label}</span>
                  {necessary ? <span className="text-muted"> (always on)</span> : null}
                  <span className="block text-xs text-muted">{c.description}</span>
                  {blockedByGpc ? (
                    <span className="block text-xs">
                      Off: your browser sends Global Privacy Control, which we honour as an opt-out.
                    </span>
                  ) : null}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={BUTTON} disabled={pending} onClick={() => onChoose('reject')}>
          Reject all
        </button>
        <button type="button" className={BUTTON} disabled={pending} onClick={() => onChoose('accept')}>
          Accept all
        </button>
        <button
          type="button"
          className="rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-paper"
          disabled={pending}
          onClick={() => onChoose('save', choices)}
        >
          Save my choices
        </button>
      </div>
    </div>
  );
}

export { BUTTON as CHOICE_BUTTON_CLASS };

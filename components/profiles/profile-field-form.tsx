'use client';

import { useActionState, useId, useState } from 'react';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState, type FormAction } from '@/lib/actions/action-state';

type Visibility = 'private' | 'brand' | 'public';

/** The fields this form writes: its action's schema must have every one (FormAction). */
type Fields = 'field' | 'value' | 'visibility' | 'consent' | 'noticeVersion';

type Props = {
  action: FormAction<Fields>;
  field: string;
  label: string;
  value: string;
  visibility: Visibility;
  /** Rates, location, date of birth and contact details: never public. */
  neverPublic: boolean;
  /** A client under zero public association: public fields would show nowhere. */
  publicBlocked: boolean;
  noticeVersion: string;
  visibilityLabels: Record<Visibility, string>;
};

/**
 * One field of the person's own profile: value, who may see it, and — when widening it to brands or the public —
 * the notice and the consent tick, recorded with the notice version.
 */
export function ProfileFieldForm({
  action,
  field,
  label,
  value,
  visibility,
  neverPublic,
  publicBlocked,
  noticeVersion,
  visibilityLabels,
}: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  const [chosen, setChosen] = useState<Visibility>(visibility);
  const id = useId();
  const widening = chosen !== 'private' && chosen !== visibility;
  const options: Visibility[] = neverPublic ? ['private', 'brand'] : ['private', 'brand', 'public'];
  const name = fieldsOf(action);
  const errors = (f: Fields) => state.fieldErrors?.[f]?.join(' ');
  return (
    <form
      action={formAction}
      aria-label={`${label} field`}
      className="space-y-3 rounded-lg border border-line bg-white p-4"
      noValidate
    >
      <input type="hidden" name={name('field')} value={field} />
      <input type="hidden" name={name('noticeVersion')} value={noticeVersion} />
      <div className="space-y-1">
        <label htmlFor={`${id}-value`} className="text-sm font-medium">
          {label}
        </label>
        {/* React resets a form after its action: a refused submission keeps what was typed (echoed back). */}
        <textarea
          key={state.message}
          id={`${id}-value`}
          name={name('value')}
          defaultValue={!state.ok && typeof state.values?.value === 'string' ? state.values.value : value}
          rows={field === 'bio' || field === 'experience' ? 3 : 1}
          className="w-full rounded-md border border-line px-3 py-2 text-sm"
          aria-describedby={errors('value') ? `${id}-value-error` : undefined}
        />
        {errors('value') ? (
          <p id={`${id}-value-error`} className="text-xs text-danger">
            {errors('value')}
          </p>
        ) : null}
      </div>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium">Who may see “{label}”</legend>
        {options.map((o) => (
          <label key={o} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={name('visibility')}
              value={o}
              checked={chosen === o}
              onChange={() => setChosen(o)}
              className="mt-1"
            />
            <span>{visibilityLabels[o]}</span>
          </label>
        ))}
        {neverPublic ? <p className="text-xs text-muted">This field can never be public.</p> : null}
        {publicBlocked && chosen === 'public' ? (
          <p className="text-xs text-muted">
            You asked for zero public association: you have no public profile, so a public field shows nowhere.
          </p>
        ) : null}
      </fieldset>
      {widening ? (
        <div className="space-y-2 rounded-md bg-slate-50 p-3 text-sm">
          <p>
            {chosen === 'public'
              ? 'Public: anyone, without signing in, can read this field on your public profile page. '
              : 'Brands: a brand the agency proposes you to for a campaign can read this field while the proposal stands. '}
            You can make it private again at any time; that takes effect on the next page anyone opens. (Notice{' '}
            {noticeVersion}.)
          </p>
          <label className="flex items-start gap-2">
            <input type="checkbox" name={name('consent')} value="on" className="mt-1" />
            <span>
              I agree to show my {label.toLowerCase()} to{' '}
              {chosen === 'public' ? 'the public' : 'brands I am proposed to'}.
            </span>
          </label>
          {errors('consent') ? <p className="text-xs text-danger">{errors('consent')}</p> : null}
        </div>
      ) : null}
      <div className="flex items-center gap-3">
        <SubmitButton pendingLabel="Saving…">Save {label.toLowerCase()}</SubmitButton>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

'use client';

import { useActionState, useId } from 'react';
import { RecoveryCodes } from '@/components/account/recovery-codes';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { initialActionState, type FormAction } from '@/lib/actions/action-state';

type Props<F extends string> = {
  action: FormAction<F>;
  label: string;
  /** The one field, named as its action's schema names it (NoInfer: the action alone says which names exist). */
  field: { name: NoInfer<F>; label: string; type: 'text' | 'password'; hint?: string };
  submitLabel: string;
  variant?: 'primary' | 'secondary' | 'danger';
};

/** A one-field form whose success may carry recovery codes: they are shown here, once, then the page reloads. */
export function CodesForm<F extends string>({ action, label, field, submitLabel, variant }: Props<F>) {
  const [state, formAction] = useActionState(action, initialActionState);
  const idPrefix = useId();
  const codes = state.ok && state.data?.codes ? state.data.codes.split(' ') : null;
  if (codes) {
    return (
      <div className="space-y-4">
        <FormStatus state={state} />
        <RecoveryCodes codes={codes} />
        <a href="/account/security" className="inline-block text-sm font-medium text-accent hover:underline">
          I have saved my recovery codes
        </a>
      </div>
    );
  }
  return (
    <form action={formAction} aria-label={label} className="space-y-3" noValidate>
      <TextField
        idPrefix={idPrefix}
        label={field.label}
        name={field.name}
        type={field.type}
        autoComplete={field.type === 'password' ? 'current-password' : 'one-time-code'}
        hint={field.hint}
        required
        key={state.message}
        errors={state.fieldErrors?.[field.name]}
      />
      <FormStatus state={state} />
      <SubmitButton variant={variant}>{submitLabel}</SubmitButton>
    </form>
  );
}

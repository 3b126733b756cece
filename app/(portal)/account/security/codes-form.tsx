'use client';

import { useActionState, useId } from 'react';
import { RecoveryCodes } from '@/components/account/recovery-codes';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { initialActionState, type ActionState } from '@/lib/actions/action-state';

type Props = {
  action: (state: ActionState | undefined, formData: FormData) => Promise<ActionState>;
  label: string;
  field: { name: 'code' | 'credential'; label: string; type: 'text' | 'password'; hint?: string };
  submitLabel: string;
  variant?: 'primary' | 'secondary' | 'danger';
};

/** A one-field form whose success may carry recovery codes: they are shown here, once, then the page reloads. */
export function CodesForm({ action, label, field, submitLabel, variant }: Props) {
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

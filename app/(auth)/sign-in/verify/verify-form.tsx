'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState } from '@/lib/actions/action-state';
import { verifyCodeAction } from './actions';

/** This form's field names, checked against verifyCodeAction's schema. */
const field = fieldsOf(verifyCodeAction);

export function VerifyForm() {
  const [state, formAction] = useActionState(verifyCodeAction, initialActionState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Authentication code"
        name={field('code')}
        autoComplete="one-time-code"
        inputMode="text"
        autoFocus
        required
        key={state.message}
        hint="The 6-digit code from your authenticator app, or one of your recovery codes."
        errors={state.fieldErrors?.code}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Verifying…">Verify</SubmitButton>
    </form>
  );
}

'use client';

import { useActionState } from 'react';
import { RecoveryCodes } from '@/components/account/recovery-codes';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState } from '@/lib/actions/action-state';
import { confirmEnrolmentAction, continueSignInAction } from './actions';

/** This form's field names, checked against confirmEnrolmentAction's schema. */
const field = fieldsOf(confirmEnrolmentAction);

export function EnrolForm() {
  const [state, formAction] = useActionState(confirmEnrolmentAction, initialActionState);
  const codes = state.ok && state.data?.codes ? state.data.codes.split(' ') : null;
  if (codes) {
    return (
      <div className="space-y-4">
        <FormStatus state={state} />
        <RecoveryCodes codes={codes} />
        <ContinueButton />
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Authentication code"
        name={field('code')}
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        key={state.message}
        errors={state.fieldErrors?.code}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Verifying…">Verify</SubmitButton>
    </form>
  );
}

/** Opens the session once the codes are saved (also shown on a reload after enrolment). */
export function ContinueButton() {
  return (
    <form action={continueSignInAction}>
      <Button type="submit">Continue</Button>
    </form>
  );
}

'use client';

import { useActionState } from 'react';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState } from '@/lib/actions/action-state';
import { signInAction } from './actions';

/** This form's field names, checked against signInAction's schema. */
const field = fieldsOf(signInAction);

export function SignInForm() {
  const [state, formAction] = useActionState(signInAction, initialActionState);
  const email = typeof state.values?.email === 'string' ? state.values.email : '';
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <TextField
        label="Email"
        name={field('email')}
        type="email"
        autoComplete="username"
        defaultValue={email}
        key={email}
        required
        errors={state.fieldErrors?.email}
      />
      <TextField
        label="Password"
        name={field('password')}
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.password}
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}

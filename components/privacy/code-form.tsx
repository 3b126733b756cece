'use client';

import { useActionState, useId } from 'react';
import { CheckboxField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState, type FormAction } from '@/lib/actions/action-state';

/** The verifying action: its schema must have these fields (FormAction); with `agentChoice`, also `agentMayReceive`. */
type Verify =
  | { verify: FormAction<'requestId' | 'code'>; agentChoice?: false }
  | { verify: FormAction<'requestId' | 'code' | 'agentMayReceive'>; agentChoice: true };

/** Enter a six-digit code, or ask for a new one. `agentChoice`: the person decides what their agent receives. */
export function CodeForm(
  props: {
    requestId: string;
    resend: FormAction<'requestId' | 'purpose'>;
    purpose: 'requester' | 'subject';
  } & Verify,
) {
  const { requestId, resend, purpose } = props;
  const verify: FormAction<'requestId' | 'code'> = props.verify;
  const [state, verifyAction] = useActionState(verify, initialActionState);
  const [resent, resendAction] = useActionState(resend, initialActionState);
  const id = useId();
  const verifyField = fieldsOf(verify);
  const resendField = fieldsOf(resend);
  return (
    <div className="space-y-4">
      <form action={verifyAction} aria-label="Verification code" className="space-y-4" noValidate>
        <input type="hidden" name={verifyField('requestId')} value={requestId} />
        <TextField
          idPrefix={id}
          name={verifyField('code')}
          label="Six-digit code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          errors={state.fieldErrors?.code}
        />
        {props.agentChoice ? (
          <CheckboxField
            idPrefix={id}
            name={fieldsOf(props.verify)('agentMayReceive')}
            label="My agent may also receive my data"
          />
        ) : null}
        <SubmitButton pendingLabel="Checking…">{purpose === 'subject' ? 'Confirm the request' : 'Verify'}</SubmitButton>
        <FormStatus state={state} />
      </form>
      <form action={resendAction} aria-label="New code" className="space-y-2">
        <input type="hidden" name={resendField('requestId')} value={requestId} />
        <input type="hidden" name={resendField('purpose')} value={purpose} />
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          Send a new code
        </SubmitButton>
        <FormStatus state={resent} />
      </form>
    </div>
  );
}

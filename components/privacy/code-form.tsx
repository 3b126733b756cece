'use client';

import { useActionState, useId } from 'react';
import { CheckboxField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { initialActionState, type ActionState } from '@/lib/actions/action-state';

type Action = (state: ActionState | undefined, formData: FormData) => Promise<ActionState>;

/** Enter a six-digit code, or ask for a new one. `agentChoice`: the person decides what their agent receives. */
export function CodeForm({
  requestId,
  verify,
  resend,
  purpose,
  agentChoice,
}: {
  requestId: string;
  verify: Action;
  resend: Action;
  purpose: 'requester' | 'subject';
  agentChoice?: boolean;
}) {
  const [state, verifyAction] = useActionState(verify, initialActionState);
  const [resent, resendAction] = useActionState(resend, initialActionState);
  const id = useId();
  return (
    <div className="space-y-4">
      <form action={verifyAction} aria-label="Verification code" className="space-y-4" noValidate>
        <input type="hidden" name="requestId" value={requestId} />
        <TextField
          idPrefix={id}
          name="code"
          label="Six-digit code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          errors={state.fieldErrors?.code}
        />
        {agentChoice ? (
          <CheckboxField idPrefix={id} name="agentMayReceive" label="My agent may also receive my data" />
        ) : null}
        <SubmitButton pendingLabel="Checking…">{purpose === 'subject' ? 'Confirm the request' : 'Verify'}</SubmitButton>
        <FormStatus state={state} />
      </form>
      <form action={resendAction} aria-label="New code" className="space-y-2">
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="purpose" value={purpose} />
        <SubmitButton variant="secondary" pendingLabel="Sending…">
          Send a new code
        </SubmitButton>
        <FormStatus state={resent} />
      </form>
    </div>
  );
}

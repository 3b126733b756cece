'use client';

import { useActionState, useId } from 'react';
import { CheckboxField, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState, type FieldOf } from '@/lib/actions/action-state';
import { REQUEST_KIND_LABELS, REQUEST_KINDS, RESIDENCE_KEYS, RESIDENCES } from '@/lib/privacy/vocabulary';
import type { submitPrivacyRequestAction } from './actions';

type Props = { action: typeof submitPrivacyRequestAction };
type Field = FieldOf<typeof submitPrivacyRequestAction>;

/** The public rights-request form; the agent's part folds away for people asking for themselves. */
export function RequestForm({ action }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  const id = useId();
  const field = fieldsOf(action);
  const v = (name: Field) => (typeof state.values?.[name] === 'string' ? (state.values[name] as string) : undefined);
  const e = (name: Field) => state.fieldErrors?.[name];
  const agent = v('filer') === 'agent';
  return (
    <form action={formAction} aria-label="Privacy request" className="space-y-4" noValidate key={state.message}>
      <SelectField
        idPrefix={id}
        name={field('kind')}
        label="What are you asking for?"
        defaultValue={v('kind') ?? 'access'}
        errors={e('kind')}
        options={REQUEST_KINDS.map((k) => ({ value: k, label: REQUEST_KIND_LABELS[k] }))}
      />
      <SelectField
        idPrefix={id}
        name={field('residence')}
        label="Where do you live?"
        defaultValue={v('residence') ?? 'eea'}
        errors={e('residence')}
        hint="This decides which law's deadline applies to your request."
        options={RESIDENCE_KEYS.map((k) => ({ value: k, label: RESIDENCES[k].label }))}
      />
      <TextField
        idPrefix={id}
        name={field('name')}
        label="Name"
        required
        defaultValue={v('name')}
        errors={e('name')}
        hint="Yours, or that of the person you act for."
        autoComplete="name"
      />
      <TextField
        idPrefix={id}
        name={field('email')}
        label="Email"
        type="email"
        required
        defaultValue={v('email')}
        errors={e('email')}
        hint="The address we know you by. We send a code there to check the request is yours."
        autoComplete="email"
      />
      <TextAreaField
        idPrefix={id}
        name={field('details')}
        label="Details (optional)"
        defaultValue={v('details')}
        errors={e('details')}
        hint="For a correction, say what is wrong and what it should say."
      />
      <details open={agent} className="rounded-md border border-line p-3">
        <summary className="cursor-pointer text-sm font-medium">
          I am an authorized agent acting for someone else
        </summary>
        <div className="mt-3 space-y-4">
          <CheckboxField
            idPrefix={id}
            name={field('filer')}
            value="agent"
            label="I make this request on behalf of the person named above"
            defaultChecked={agent}
          />
          <TextField
            idPrefix={id}
            name={field('agentName')}
            label="Your name (agent)"
            defaultValue={v('agentName')}
            errors={e('agentName')}
          />
          <TextField
            idPrefix={id}
            name={field('agentEmail')}
            label="Your email (agent)"
            type="email"
            defaultValue={v('agentEmail')}
            errors={e('agentEmail')}
          />
          <TextAreaField
            idPrefix={id}
            name={field('agentPermission')}
            label="The permission the person signed for you"
            defaultValue={v('agentPermission')}
            errors={e('agentPermission')}
            hint="Copy in its full text. We will also ask the person to confirm by email, and we send their data only to them unless they say otherwise."
          />
          <TextField
            idPrefix={id}
            name={field('agentSignature')}
            label="Sign by typing your name"
            defaultValue={v('agentSignature')}
            errors={e('agentSignature')}
          />
        </div>
      </details>
      <SubmitButton pendingLabel="Sending…">Send request</SubmitButton>
      <FormStatus state={state} />
    </form>
  );
}

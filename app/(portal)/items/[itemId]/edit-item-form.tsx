'use client';

import { useActionState } from 'react';
import { TextAreaField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState } from '@/lib/actions/action-state';
import { updateItemAction } from '../actions';

const str = (v: string | string[] | undefined, fallback: string) => (typeof v === 'string' ? v : fallback);

/** `credentials`: the stored secret value is never sent to the page; a new one replaces it, blank keeps it. */
/** This form's field names, checked against updateItemAction's schema. */
const field = fieldsOf(updateItemAction);

export function EditItemForm({
  itemId,
  title,
  body,
  credentials,
}: {
  itemId: string;
  title: string;
  body: string;
  credentials: boolean;
}) {
  const [state, formAction] = useActionState(updateItemAction, initialActionState);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name={field('itemId')} value={itemId} />
      <TextField
        label="Title"
        name={field('title')}
        defaultValue={str(state.values?.title, title)}
        errors={state.fieldErrors?.title}
        required
      />
      <TextAreaField
        label="Content"
        name={field('body')}
        defaultValue={str(state.values?.body, body)}
        errors={state.fieldErrors?.body}
        required
      />
      {credentials ? (
        <TextField
          label="New value (leave blank to keep)"
          name={field('secret')}
          type="password"
          autoComplete="new-password"
          errors={state.fieldErrors?.secret}
        />
      ) : null}
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Saving…">Save changes</SubmitButton>
    </form>
  );
}

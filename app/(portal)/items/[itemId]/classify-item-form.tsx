'use client';

import { useActionState } from 'react';
import { CheckboxField, SelectField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState } from '@/lib/actions/action-state';
import { classifyItemAction } from '../actions';

/** This form's field names, checked against classifyItemAction's schema. */
const field = fieldsOf(classifyItemAction);

export function ClassifyItemForm(props: {
  itemId: string;
  classification: 'confidential' | 'high_risk';
  sharedWithCounterparty: boolean;
  locked: boolean;
}) {
  const [state, formAction] = useActionState(classifyItemAction, initialActionState);
  // After a refusal the form keeps what was chosen, not the stored values.
  const kept = state.ok ? undefined : state.values;
  const classification = typeof kept?.classification === 'string' ? kept.classification : props.classification;
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name={field('itemId')} value={props.itemId} />
      <SelectField
        label="Classification"
        name={field('classification')}
        defaultValue={classification}
        options={[
          { value: 'confidential', label: 'Confidential' },
          { value: 'high_risk', label: 'High-risk confidential' },
        ]}
        errors={state.fieldErrors?.classification}
        hint={
          props.locked ? 'Credentials are always high-risk.' : 'High-risk items are readable only by their allowlist.'
        }
      />
      <CheckboxField
        label="Shared with counterparty"
        name={field('sharedWithCounterparty')}
        defaultChecked={kept ? kept.sharedWithCounterparty === 'on' : props.sharedWithCounterparty}
      />
      {state.fieldErrors?.sharedWithCounterparty ? (
        <p className="text-xs text-danger">{state.fieldErrors.sharedWithCounterparty.join(' ')}</p>
      ) : null}
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Saving…">Save classification</SubmitButton>
    </form>
  );
}

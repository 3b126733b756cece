'use client';

import { useActionState, useState } from 'react';
import { CheckboxField, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { IdempotencyKey } from '@/components/forms/idempotency-key';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState } from '@/lib/actions/action-state';
import type { ItemCategory } from '@/lib/authz/types';
import { CATEGORY_LABELS } from '@/lib/labels';
import { createItemAction } from '../../../../items/actions';

const str = (v: string | string[] | undefined, fallback = '') => (typeof v === 'string' ? v : fallback);

const field = fieldsOf(createItemAction);

export function NewItemForm(props: {
  projectId: string;
  categories: ItemCategory[];
  candidates: { id: string; name: string }[];
  isClient: boolean;
}) {
  const [state, formAction] = useActionState(createItemAction, initialActionState);
  const [category, setCategory] = useState<string>(str(state.values?.category, props.categories[0]));
  const [classification, setClassification] = useState<string>(str(state.values?.classification, 'confidential'));
  // After a refusal the ticks stay as they were (issue 16); a success starts a fresh form.
  const kept = state.ok ? undefined : state.values;
  const ticked = (name: ReturnType<typeof field>, value = 'on') => {
    const v = kept?.[name];
    return Array.isArray(v) ? v.includes(value) : v === value;
  };
  const highRisk = props.isClient || category === 'credentials' || classification === 'high_risk';

  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name={field('projectId')} value={props.projectId} />
      <IdempotencyKey answer={state} />
      <SelectField
        label="Category"
        name={field('category')}
        value={category}
        onChange={(e) => setCategory(e.target.value)}
        options={props.categories.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
        errors={state.fieldErrors?.category}
      />
      {props.isClient ? (
        <p className="text-sm text-muted">
          Items you hand over start as high-risk confidential, readable by you and the project lead.
        </p>
      ) : (
        <SelectField
          label="Classification"
          name={field('classification')}
          value={category === 'credentials' ? 'high_risk' : classification}
          disabled={category === 'credentials'}
          onChange={(e) => setClassification(e.target.value)}
          options={[
            { value: 'confidential', label: 'Confidential' },
            { value: 'high_risk', label: 'High-risk confidential' },
          ]}
          hint={category === 'credentials' ? 'Credentials are always high-risk.' : undefined}
          errors={state.fieldErrors?.classification}
        />
      )}
      <TextField
        label="Title"
        name={field('title')}
        defaultValue={str(state.values?.title)}
        errors={state.fieldErrors?.title}
        required
      />
      <TextAreaField
        label="Content"
        name={field('body')}
        defaultValue={str(state.values?.body)}
        errors={state.fieldErrors?.body}
        required
      />
      {category === 'credentials' ? (
        <TextField
          label="Secret value"
          name={field('secret')}
          type="password"
          autoComplete="new-password"
          hint="Stored encrypted and shown masked; revealing it asks for a password and a reason. Not shown here again."
          errors={state.fieldErrors?.secret}
          required
        />
      ) : null}
      {!props.isClient && !highRisk ? (
        <CheckboxField
          label="Shared with counterparty"
          name={field('sharedWithCounterparty')}
          defaultChecked={ticked('sharedWithCounterparty')}
        />
      ) : null}
      {state.fieldErrors?.sharedWithCounterparty ? (
        <p className="text-xs text-danger">{state.fieldErrors.sharedWithCounterparty.join(' ')}</p>
      ) : null}
      {highRisk && !props.isClient ? (
        <fieldset className="space-y-2 rounded-md border border-line p-3">
          <legend className="px-1 text-sm font-medium">Allowlist</legend>
          <p className="text-xs text-muted">
            You are always on it. Add only the project members who must read this item.
          </p>
          {props.candidates.length === 0 ? <p className="text-xs text-muted">No other project members.</p> : null}
          {props.candidates.map((c) => (
            <CheckboxField
              key={c.id}
              label={c.name}
              name={field('allowlistUserIds')}
              value={c.id}
              defaultChecked={ticked('allowlistUserIds', c.id)}
            />
          ))}
          {state.fieldErrors?.allowlistUserIds ? (
            <p className="text-xs text-danger">{state.fieldErrors.allowlistUserIds.join(' ')}</p>
          ) : null}
        </fieldset>
      ) : null}
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Creating…">Create item</SubmitButton>
    </form>
  );
}

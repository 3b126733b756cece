'use client';

import { useActionState, useId } from 'react';
import { CheckboxField, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { ConfirmSubmit, type ConfirmSpec } from '@/components/ui/confirm-submit';
import { SubmitButton } from '@/components/ui/submit-button';
import { initialActionState, type ActionState, type FormAction } from '@/lib/actions/action-state';
import { IdempotencyKey } from './idempotency-key';

/**
 * A serializable description of one form field, so server pages can declare forms without client code. `F` is
 * the names its action's schema accepts: `<ActionForm action={a} fields={[...]}>` does not compile when a field
 * names something the action's schema does not have.
 */
export type FieldSpec<F extends string = string> =
  | { kind: 'hidden'; name: F; value: string }
  | {
      kind: 'text' | 'email' | 'date' | 'password';
      name: F;
      label: string;
      hint?: string;
      required?: boolean;
      defaultValue?: string;
    }
  | { kind: 'textarea'; name: F; label: string; hint?: string; required?: boolean }
  | {
      kind: 'select';
      name: F;
      label: string;
      hint?: string;
      options: { value: string; label: string }[];
      defaultValue?: string;
    }
  | { kind: 'checkboxes'; name: F; label: string; hint?: string; options: { value: string; label: string }[] };

type Props<F extends string> = {
  action: FormAction<F>;
  /** Checked against the action's fields (NoInfer: the action alone says which names exist). */
  fields: FieldSpec<NoInfer<F>>[];
  submitLabel: string;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger';
  inline?: boolean;
  /** Accessible name of the form, so several forms on a page can be told apart. */
  label?: string;
  /** A create: the form carries a one-time key, so a retried submission does not create twice. */
  once?: boolean;
  /** An irreversible act: the button opens a dialog naming it, and only its confirm button submits. */
  confirm?: ConfirmSpec;
};

const echoed = <F extends string>(state: ActionState<F>, name: F) => {
  const v = state.values?.[name];
  return typeof v === 'string' ? v : undefined;
};

/** Whether a checkbox was ticked in the submission echoed back (a single tick echoes as a string). */
const ticked = <F extends string>(state: ActionState<F>, name: F, value: string) => {
  const v = state.values?.[name];
  return Array.isArray(v) ? v.includes(value) : v === value;
};

export function ActionForm<F extends string>({
  action,
  fields,
  submitLabel,
  pendingLabel,
  variant,
  inline,
  label,
  once,
  confirm,
}: Props<F>) {
  const [state, formAction] = useActionState(action, initialActionState);
  const idPrefix = useId();
  // After a success the fields start empty again; after a failure they keep what was typed.
  const keep = state.ok ? undefined : state;
  return (
    <form
      action={formAction}
      aria-label={label}
      className={inline ? 'flex flex-wrap items-center gap-2' : 'space-y-4'}
      noValidate
    >
      {once ? <IdempotencyKey answer={state} /> : null}
      {fields.map((field) => {
        const errors = state.fieldErrors?.[field.name];
        switch (field.kind) {
          case 'hidden':
            return <input key={field.name} type="hidden" name={field.name} value={field.value} />;
          case 'textarea':
            return (
              <TextAreaField
                key={`${field.name}-${state.message}`}
                idPrefix={idPrefix}
                label={field.label}
                name={field.name}
                hint={field.hint}
                required={field.required}
                defaultValue={keep && echoed(keep, field.name)}
                errors={errors}
              />
            );
          case 'select':
            return (
              <SelectField
                key={`${field.name}-${state.message}`}
                idPrefix={idPrefix}
                label={field.label}
                name={field.name}
                hint={field.hint}
                options={field.options}
                defaultValue={(keep && echoed(keep, field.name)) ?? field.defaultValue}
                errors={errors}
              />
            );
          case 'checkboxes':
            return (
              <fieldset key={field.name} className="space-y-1.5">
                <legend className="text-sm font-medium">{field.label}</legend>
                {field.hint ? <p className="text-xs text-muted">{field.hint}</p> : null}
                <div className="flex flex-wrap gap-x-4 gap-y-1.5">
                  {field.options.map((o) => (
                    <CheckboxField
                      key={`${o.value}-${state.message}`}
                      idPrefix={idPrefix}
                      label={o.label}
                      name={field.name}
                      value={o.value}
                      defaultChecked={keep ? ticked(keep, field.name, o.value) : undefined}
                    />
                  ))}
                </div>
                {errors?.length ? <p className="text-xs text-danger">{errors.join(' ')}</p> : null}
              </fieldset>
            );
          default:
            return (
              <TextField
                key={`${field.name}-${state.message}`}
                idPrefix={idPrefix}
                label={field.label}
                name={field.name}
                type={field.kind}
                hint={field.hint}
                required={field.required}
                defaultValue={(keep && echoed(keep, field.name)) ?? field.defaultValue}
                errors={errors}
              />
            );
        }
      })}
      {confirm ? (
        <ConfirmSubmit confirm={confirm} pendingLabel={pendingLabel} variant={variant}>
          {submitLabel}
        </ConfirmSubmit>
      ) : (
        <SubmitButton pendingLabel={pendingLabel} variant={variant}>
          {submitLabel}
        </SubmitButton>
      )}
      <FormStatus state={state} />
      {state.ok && state.data?.link ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted">
            If the email does not arrive: the link to pass on yourself
          </summary>
          <p className="mt-2 break-all rounded-md bg-paper p-2 font-mono text-xs" data-testid="invitation-link">
            {state.data.link}
          </p>
        </details>
      ) : null}
    </form>
  );
}

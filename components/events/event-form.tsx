'use client';

import { useActionState } from 'react';
import { IdempotencyKey } from '@/components/forms/idempotency-key';
import { TextAreaField, TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState, type FormAction } from '@/lib/actions/action-state';

export type EventFormValues = {
  name: string;
  date: string;
  time: string;
  timeZone: string;
  publicDescription: string;
  venue: string;
  access: string;
  security: string;
  needsRetentionDays: string;
};

const str = (v: string | string[] | undefined, fallback: string) => (typeof v === 'string' ? v : fallback);

/**
 * Creating or editing an event. The high-risk part (venue, access, security) is shown only to people who may
 * open it (`restricted`): for anyone else there are no such fields at all.
 */
export function EventForm<H extends string>(props: {
  /** Its schema must have every field of the form and the hidden one (FormAction). */
  action: FormAction<keyof EventFormValues | H>;
  hidden: { name: H; value: string };
  values: EventFormValues;
  restricted: boolean;
  submitLabel: string;
  create?: boolean;
}) {
  const [state, formAction] = useActionState(props.action, initialActionState);
  const v = (name: keyof EventFormValues) => str(state.ok ? undefined : state.values?.[name], props.values[name]);
  const e = (name: keyof EventFormValues) => state.fieldErrors?.[name];
  const field = fieldsOf(props.action);
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label={props.create ? 'New event' : 'Edit event'}>
      <input type="hidden" name={field(props.hidden.name)} value={props.hidden.value} />
      {props.create ? <IdempotencyKey answer={state} /> : null}
      <TextField
        label="Name"
        name={field('name')}
        defaultValue={v('name')}
        errors={e('name')}
        required
        hint="Seen by the project's people, never by guests."
      />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Date" name={field('date')} type="date" defaultValue={v('date')} errors={e('date')} required />
        <TextField label="Time" name={field('time')} type="time" defaultValue={v('time')} errors={e('time')} required />
        <TextField
          label="Time zone"
          name={field('timeZone')}
          defaultValue={v('timeZone')}
          errors={e('timeZone')}
          required
          hint="For example Europe/London."
        />
      </div>
      <TextAreaField
        label="Public description"
        name={field('publicDescription')}
        defaultValue={v('publicDescription')}
        errors={e('publicDescription')}
        required
        hint="What invited guests read on their RSVP page. Do not name a client who asks for no public association."
      />
      {props.restricted ? (
        <fieldset className="space-y-4 rounded-md border border-line p-3">
          <legend className="px-1 text-sm font-medium">
            High-risk: venue, access and security (event allowlist only)
          </legend>
          <TextAreaField label="Venue" name={field('venue')} defaultValue={v('venue')} errors={e('venue')} />
          <TextAreaField
            label="Access details"
            name={field('access')}
            defaultValue={v('access')}
            errors={e('access')}
          />
          <TextAreaField
            label="Security arrangements"
            name={field('security')}
            defaultValue={v('security')}
            errors={e('security')}
          />
        </fieldset>
      ) : null}
      <TextField
        label="Delete guests' needs after (days)"
        name={field('needsRetentionDays')}
        type="number"
        min={0}
        max={3650}
        defaultValue={v('needsRetentionDays')}
        errors={e('needsRetentionDays')}
        hint="Dietary and accessibility needs are deleted this many days after the event (default 30)."
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Saving…">{props.submitLabel}</SubmitButton>
    </form>
  );
}

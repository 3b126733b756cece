'use client';

import { useActionState } from 'react';
import { SelectField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { SubmitButton } from '@/components/ui/submit-button';
import { fieldsOf, initialActionState } from '@/lib/actions/action-state';
import { setFilesDownloadableAction } from '../file-actions';

/** The lead's choice for the item's files: view-only (watermarked, in the portal) or downloadable. */
/** This form's field names, checked against setFilesDownloadableAction's schema. */
const field = fieldsOf(setFilesDownloadableAction);

export function FilesAccessForm(props: { itemId: string; downloadable: boolean }) {
  const [state, formAction] = useActionState(setFilesDownloadableAction, initialActionState);
  const kept = state.ok ? undefined : state.values;
  const access = typeof kept?.access === 'string' ? kept.access : props.downloadable ? 'download' : 'view_only';
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name={field('itemId')} value={props.itemId} />
      <SelectField
        label="Files on this item"
        name={field('access')}
        defaultValue={access}
        options={[
          { value: 'view_only', label: 'View only (watermarked, in the portal)' },
          { value: 'download', label: 'Downloadable (watermarked copy for PDFs and images)' },
        ]}
        errors={state.fieldErrors?.access}
        hint="View-only hands out no file: a screenshot cannot be prevented, only traced. The owning client may always download their own files."
      />
      <FormStatus state={state} />
      <SubmitButton pendingLabel="Saving…">Save file access</SubmitButton>
    </form>
  );
}

import type { FormAction } from '@/lib/actions/action-state';
import { ActionForm } from './action-form';

/**
 * The success message of an act that can still be undone (issue 16): what happened, and an "Undo" button for the
 * minute the policy allows. The page shows it in place of the act's own form while the undo is possible.
 */
export function UndoNotice<F extends string>({
  message,
  label,
  action,
  name,
  value,
}: {
  message: string;
  /** Accessible name of the undo form ("Undo the revocation of Finn's access"). */
  label: string;
  action: FormAction<F>;
  /** The undo's one field, named as its action's schema names it. */
  name: NoInfer<F>;
  value: string;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="undo-notice">
      <p className="text-sm text-emerald-700">{message} You can undo this for a minute.</p>
      <ActionForm
        inline
        label={label}
        action={action}
        fields={[{ kind: 'hidden', name, value }]}
        submitLabel="Undo"
        pendingLabel="Undoing…"
        variant="secondary"
      />
    </div>
  );
}

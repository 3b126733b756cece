import type { ActionState } from '@/lib/actions/action-state';

/** Announces an action's result to everyone, screen readers included. */
export function FormStatus({ state }: { state: ActionState | undefined }) {
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="form-status"
      className={`text-sm ${state?.ok ? 'text-emerald-700' : 'text-danger'} ${state?.message ? '' : 'sr-only'}`}
    >
      {state?.message ?? ''}
    </p>
  );
}

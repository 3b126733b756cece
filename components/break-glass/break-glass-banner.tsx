import { ActionForm } from '@/components/forms/action-form';
import type { FormAction } from '@/lib/actions/action-state';

type Props = {
  grants: { id: string; codename: string; expiresAt: Date }[];
  /** Its schema must have the form's one field (FormAction). */
  end: FormAction<'breakGlassId'>;
};

/** Shown on every page while the admin's break-glass access lasts (docs/product.md §14), with a way to end it now. */
export function BreakGlassBanner({ grants, end }: Props) {
  if (grants.length === 0) return null;
  return (
    <div role="region" aria-label="Break-glass access" className="border-b border-red-300 bg-red-50">
      {grants.map((g) => (
        <div
          key={g.id}
          className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm text-red-900"
        >
          <p data-testid="break-glass-banner">
            Break-glass access to {g.codename} until {g.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC —
            the client has been told.
          </p>
          <ActionForm
            label={`End break-glass access to ${g.codename}`}
            action={end}
            fields={[{ kind: 'hidden', name: 'breakGlassId', value: g.id }]}
            submitLabel="End now"
            variant="secondary"
            inline
          />
        </div>
      ))}
    </div>
  );
}

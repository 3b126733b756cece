import Link from 'next/link';
import { ActionForm } from '@/components/forms/action-form';
import type { FormAction } from '@/lib/actions/action-state';
import { formatDate } from '@/lib/labels';

/** Shown on every portal page after a material policy change, until the person acknowledges it. */
export function PolicyNotice({
  pending,
  acknowledge,
}: {
  pending: { id: string; version: number; summary: string; effectiveOn: string };
  /** Its schema must have the form's one field (FormAction). */
  acknowledge: FormAction<'policyVersionId'>;
}) {
  return (
    <div role="region" aria-label="Privacy policy update" className="border-b border-accent/30 bg-accent/5">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
        <p>
          <strong>Our privacy policy changed on {formatDate(pending.effectiveOn)}.</strong> {pending.summary}{' '}
          <Link href="/privacy" className="text-accent underline">
            Read the new version
          </Link>
        </p>
        <ActionForm
          inline
          label="Acknowledge the privacy policy"
          action={acknowledge}
          fields={[{ kind: 'hidden', name: 'policyVersionId', value: pending.id }]}
          submitLabel="I have read it"
        />
      </div>
    </div>
  );
}

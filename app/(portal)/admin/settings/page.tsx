import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Card, PageHeader } from '@/components/ui/card';
import { getAgencySettings } from '@/lib/dal/settings/read-agency-settings';
import { mayAdminister } from '@/lib/dal/guard';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate } from '@/lib/labels';
import { setContractorMaxDaysAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

/** Agency-wide settings: the longest a contractor's access may run (docs/product.md §4, default one year). */
export default async function AdminSettingsPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'membership.grant')) notFound();
  const settings = await getAgencySettings(user);
  return (
    <>
      <PageHeader title="Settings" subtitle="Every change is recorded in the audit log." />
      <Card title="Contractor maximum">
        <p className="text-sm" data-testid="contractor-max">
          A contractor’s project or high-risk access ends at most {settings.contractorMaxDays} days after it is granted.
          {settings.updatedBy
            ? ` Set by ${settings.updatedBy} on ${formatDate(settings.updatedAt)}.`
            : ' This is the default (one year).'}
        </p>
        <div className="mt-3">
          <ActionForm
            label="Contractor maximum"
            action={setContractorMaxDaysAction}
            submitLabel="Save maximum"
            fields={[
              {
                kind: 'text',
                name: 'days',
                label: 'Longest contractor access, in days',
                defaultValue: String(settings.contractorMaxDays),
                required: true,
              },
            ]}
          />
        </div>
      </Card>
    </>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { PrivacyAdminTabs } from '@/components/privacy/admin-tabs';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { mayAdminister } from '@/lib/dal/guard';
import { getCurrentPolicy } from '@/lib/dal/privacy/get-current-policy';
import { listPolicyVersions } from '@/lib/dal/privacy/list-policy-versions';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, formatDateTime } from '@/lib/labels';
import { isoDay } from '@/lib/privacy/clocks';
import { publishPolicyAction } from '../actions';

export const metadata: Metadata = { title: 'Policy versions' };

/** Publish privacy-policy versions: Markdown with an effective date; a material change asks everyone to acknowledge it. */
export default async function PolicyVersionsPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'privacy.manage')) notFound();
  const [versions, current] = await Promise.all([listPolicyVersions({ includeScheduled: true }), getCurrentPolicy()]);
  const today = isoDay(new Date());
  return (
    <>
      <PageHeader title="Privacy" subtitle="Published versions are never edited: a change is a new version." />
      <PrivacyAdminTabs current="/admin/privacy/policy" />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Versions">
          <Table caption="Policy versions" headers={['Version', 'In effect from', 'Change', '']}>
            {versions.map((v) => (
              <tr key={v.version}>
                <Cell>
                  {v.effectiveOn <= today ? (
                    <Link href={`/privacy/versions/${v.version}`} className="text-accent underline">
                      {v.version}
                    </Link>
                  ) : (
                    v.version
                  )}
                </Cell>
                <Cell>
                  {formatDate(v.effectiveOn)}
                  <span className="block text-xs text-muted">published {formatDateTime(v.publishedAt)}</span>
                </Cell>
                <Cell>{v.summary}</Cell>
                <Cell>
                  {v.version === current?.version ? (
                    <Badge tone="accent">Current</Badge>
                  ) : v.effectiveOn > today ? (
                    <Badge>Scheduled</Badge>
                  ) : null}
                  {v.material ? <Badge tone="danger">Material</Badge> : null}
                </Cell>
              </tr>
            ))}
          </Table>
        </Card>
        <div className="lg:col-span-2">
          <Card title="Publish a new version">
            <ActionForm
              label="Publish a policy version"
              action={publishPolicyAction}
              submitLabel="Preview and publish"
              pendingLabel="Publishing…"
              confirm={{
                title: 'Publish this policy version?',
                description:
                  'Below is the text as everyone will read it. A published version is never edited: it is live on /privacy from its effective date, and a material change asks every signed-in person to acknowledge it.',
                confirmLabel: 'Publish',
                previewField: 'body',
              }}
              fields={[
                {
                  kind: 'text',
                  name: 'title',
                  label: 'Title',
                  required: true,
                  defaultValue: current?.title ?? 'MM Group privacy policy',
                },
                {
                  kind: 'date',
                  name: 'effectiveOn',
                  label: 'In effect from',
                  required: true,
                  defaultValue: today,
                  hint: 'Shown as “Last updated” on /privacy from that day.',
                },
                {
                  kind: 'text',
                  name: 'summary',
                  label: 'What changed',
                  required: true,
                  hint: 'One or two sentences, shown in the history and to people asked to acknowledge.',
                },
                {
                  kind: 'textarea',
                  name: 'body',
                  label: 'Policy text (Markdown: ## headings, - lists, **bold**, [links](/path))',
                  required: true,
                },
                {
                  kind: 'checkboxes',
                  name: 'material',
                  label: 'Material change',
                  hint: 'Signed-in people are asked to acknowledge it on their next visit.',
                  options: [{ value: 'on', label: 'This change is material' }],
                },
              ]}
            />
          </Card>
        </div>
      </div>
    </>
  );
}

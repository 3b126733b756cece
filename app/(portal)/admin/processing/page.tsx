import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { mayAdminister } from '@/lib/dal/guard';
import { buildProcessingRegister } from '@/lib/dal/processing/build-register';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, formatDateTime } from '@/lib/labels';
import { LAWFUL_BASES, LAWFUL_BASIS_LABELS } from '@/lib/privacy/lawful-bases';
import { controllerOf } from '@/lib/privacy/processing-export';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  ENGAGEMENT_ROLE_LABELS,
  ENGAGEMENT_ROLES,
} from '@/lib/privacy/processing-vocabulary';
import { addPurposeAction, removePurposeAction, setEngagementRoleAction } from './actions';

export const metadata: Metadata = { title: 'Register of processing activities' };

const List = ({ items, none }: { items: string[]; none: string }) =>
  items.length === 0 ? (
    <span className="text-muted">{none}</span>
  ) : (
    <ul className="space-y-1">
      {items.map((t, i) => (
        <li key={i}>{t}</li>
      ))}
    </ul>
  );

/**
 * The register of processing activities (issue 15 points 4-6), generated from the system as it is now: only the
 * purposes and lawful bases, and each engagement's controller or processor role, are written here by people.
 */
export default async function ProcessingPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'processing.view')) notFound();
  const manage = mayAdminister(user, 'processing.manage');
  const register = await buildProcessingRegister(user);
  return (
    <>
      <PageHeader
        title="Register of processing activities"
        subtitle={`MM Group as controller, generated ${formatDateTime(register.generatedAt)} from the retention rules, the disclosure register, the data vocabulary and the system's own security configuration.`}
        actions={
          <div className="flex flex-wrap gap-3 text-sm">
            <a className="underline" href="/admin/processing/register.csv" download>
              Download CSV
            </a>
            <a className="underline" href="/admin/processing/register.csv?part=engagements" download>
              Engagements CSV
            </a>
            <a className="underline" href="/admin/processing/register.json" download>
              Download JSON
            </a>
          </div>
        }
      />
      <div className="space-y-6">
        <Card title="Processing activities">
          <Table
            caption="Processing activities"
            headers={[
              'Data category',
              'Purposes and lawful bases',
              'Data subjects',
              'Recipients',
              'Transfers and safeguards',
              'Retention',
              'Security measures',
            ]}
          >
            {register.activities.map((a) => (
              <tr key={a.category} data-testid={`activity-${a.category}`}>
                <Cell className="font-medium">{a.label}</Cell>
                <Cell>
                  <List items={a.purposes.map((p) => `${p.purpose} (${p.lawfulBasisLabel})`)} none="Not yet recorded" />
                </Cell>
                <Cell>
                  <List items={a.dataSubjects} none="—" />
                </Cell>
                <Cell>
                  <List items={a.recipients.map((r) => `${r.kind}: ${r.name} (${r.country})`)} none="None recorded" />
                </Cell>
                <Cell>
                  <List items={a.transfers} none="None" />
                </Cell>
                <Cell>
                  <div data-testid={`retention-${a.category}`}>
                    <List items={a.retention} none="—" />
                  </div>
                </Cell>
                <Cell className="text-xs">
                  <List items={a.security} none="—" />
                </Cell>
              </tr>
            ))}
          </Table>
        </Card>

        <Card title="Purposes and lawful bases">
          <p className="mb-3 text-sm text-muted">
            The only part of the register written by hand: why each category of data is processed, and on what basis
            (privacy policy §4).
          </p>
          <Table caption="Purposes" headers={['Data category', 'Purpose', 'Lawful basis', '']}>
            {register.activities.flatMap((a) =>
              a.purposes.map((p) => (
                <tr key={p.id}>
                  <Cell>{a.label}</Cell>
                  <Cell>{p.purpose}</Cell>
                  <Cell>{p.lawfulBasisLabel}</Cell>
                  <Cell>
                    {manage ? (
                      <ActionForm
                        inline
                        label={`Remove purpose ${p.purpose}`}
                        action={removePurposeAction}
                        fields={[{ kind: 'hidden', name: 'purposeId', value: p.id }]}
                        submitLabel="Remove"
                        variant="secondary"
                      />
                    ) : null}
                  </Cell>
                </tr>
              )),
            )}
          </Table>
          {manage ? (
            <div className="mt-4">
              <ActionForm
                label="Add a purpose"
                action={addPurposeAction}
                fields={[
                  {
                    kind: 'select',
                    name: 'category',
                    label: 'Data category',
                    options: DATA_CATEGORIES.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] })),
                  },
                  { kind: 'text', name: 'purpose', label: 'Purpose', required: true },
                  {
                    kind: 'select',
                    name: 'lawfulBasis',
                    label: 'Lawful basis',
                    options: LAWFUL_BASES.map((b) => ({ value: b, label: LAWFUL_BASIS_LABELS[b] })),
                  },
                ]}
                submitLabel="Add purpose"
              />
            </div>
          ) : null}
        </Card>

        <Card title="Engagements: controller or processor">
          <p className="mb-3 text-sm text-muted">
            For each engagement, whether MM Group decides how the data is used (controller) or acts on the client&apos;s
            instructions (processor). The controller of a processor engagement is its client; rights requests about it
            are routed to them from the privacy request page.
          </p>
          <Table
            caption="Engagements"
            headers={['Engagement', 'Client', 'MM Group acts as', 'Controller', 'Instructions on file', '']}
          >
            {register.engagements.map((e) => (
              <tr key={e.projectId} data-testid={`engagement-${e.project}`}>
                <Cell className="font-medium">{e.project}</Cell>
                <Cell>{e.client}</Cell>
                <Cell>
                  {e.role === 'processor' ? <Badge tone="accent">Processor</Badge> : 'Controller'}
                  {e.setAt ? <span className="block text-xs text-muted">since {formatDate(e.setAt)}</span> : null}
                </Cell>
                <Cell>{controllerOf(e)}</Cell>
                <Cell>{e.instructionsRef ?? '—'}</Cell>
                <Cell>
                  {manage ? (
                    <ActionForm
                      label={`Role for ${e.project}`}
                      action={setEngagementRoleAction}
                      fields={[
                        { kind: 'hidden', name: 'projectId', value: e.projectId },
                        {
                          kind: 'select',
                          name: 'role',
                          label: 'MM Group acts as',
                          options: ENGAGEMENT_ROLES.map((r) => ({ value: r, label: ENGAGEMENT_ROLE_LABELS[r] })),
                          defaultValue: e.role,
                        },
                        {
                          kind: 'text',
                          name: 'instructionsRef',
                          label: 'Instructions on file (document reference)',
                          hint: 'Required for a processor engagement.',
                          defaultValue: e.instructionsRef ?? '',
                        },
                      ]}
                      submitLabel="Save role"
                      variant="secondary"
                    />
                  ) : null}
                </Cell>
              </tr>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}

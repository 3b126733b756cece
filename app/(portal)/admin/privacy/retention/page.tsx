import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { PrivacyAdminTabs } from '@/components/privacy/admin-tabs';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { mayAdminister } from '@/lib/dal/guard';
import { listRetentionRuns } from '@/lib/dal/privacy/retention-history';
import { listHoldTargets } from '@/lib/dal/privacy/list-hold-targets';
import { listLegalHolds } from '@/lib/dal/privacy/list-legal-holds';
import { listRetentionRules } from '@/lib/dal/privacy/list-retention-rules';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDateTime } from '@/lib/labels';
import { formatPeriod, RETENTION_RULE_TEXT } from '@/lib/privacy/retention-rules';
import {
  placeLegalHoldAction,
  releaseLegalHoldAction,
  runRetentionAction,
  updateRetentionRuleAction,
} from '../actions';

export const metadata: Metadata = { title: 'Retention' };

const UNITS = [
  { value: 'days', label: 'days' },
  { value: 'months', label: 'months' },
  { value: 'years', label: 'years' },
];

export default async function RetentionPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'retention.manage')) notFound();
  const [rules, holds, targets, runs] = await Promise.all([
    listRetentionRules(user),
    listLegalHolds(user),
    listHoldTargets(user),
    listRetentionRuns(user),
  ]);
  return (
    <>
      <PageHeader
        title="Privacy"
        subtitle="Retention rules, legal holds, and runs that delete what is past its time."
      />
      <PrivacyAdminTabs current="/admin/privacy/retention" />
      <div className="space-y-6">
        <Card title="Rules">
          <Table caption="Retention rules" headers={['Rule', 'Keeps for', 'What a run does', 'Change']}>
            {rules.map((r) => (
              <tr key={r.key}>
                <Cell className="font-medium">
                  {RETENTION_RULE_TEXT[r.key].title}
                  {r.enabled ? null : (
                    <>
                      {' '}
                      <Badge>Off</Badge>
                    </>
                  )}
                </Cell>
                <Cell>
                  {formatPeriod(r.periodValue, r.periodUnit)} {RETENTION_RULE_TEXT[r.key].after}
                </Cell>
                <Cell className="text-muted">{RETENTION_RULE_TEXT[r.key].removes}</Cell>
                <Cell>
                  <ActionForm
                    inline
                    label={`Change ${RETENTION_RULE_TEXT[r.key].title}`}
                    action={updateRetentionRuleAction}
                    submitLabel="Save"
                    variant="secondary"
                    fields={[
                      { kind: 'hidden', name: 'key', value: r.key },
                      { kind: 'text', name: 'periodValue', label: 'Period', defaultValue: String(r.periodValue) },
                      { kind: 'select', name: 'periodUnit', label: 'Unit', options: UNITS, defaultValue: r.periodUnit },
                      {
                        kind: 'select',
                        name: 'enabled',
                        label: 'Rule',
                        options: [
                          { value: 'true', label: 'On' },
                          { value: 'false', label: 'Off' },
                        ],
                        defaultValue: r.enabled ? 'true' : 'false',
                      },
                    ]}
                  />
                </Cell>
              </tr>
            ))}
          </Table>
        </Card>
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <Card title="Legal holds">
              {holds.length === 0 ? (
                <p className="text-sm text-muted">No holds.</p>
              ) : (
                <Table caption="Legal holds" headers={['On', 'Reason', 'Placed', '']}>
                  {holds.map((h) => (
                    <tr key={h.id}>
                      <Cell>
                        {h.targetType === 'account' ? 'Client account' : 'Project'} {h.target}
                      </Cell>
                      <Cell>{h.reason}</Cell>
                      <Cell>
                        {formatDateTime(h.placedAt)}
                        {h.placedBy ? <span className="block text-xs text-muted">by {h.placedBy}</span> : null}
                      </Cell>
                      <Cell>
                        {h.releasedAt ? (
                          <Badge>Released {formatDateTime(h.releasedAt)}</Badge>
                        ) : (
                          <ActionForm
                            inline
                            label={`Release the hold on ${h.target}`}
                            action={releaseLegalHoldAction}
                            fields={[{ kind: 'hidden', name: 'holdId', value: h.id }]}
                            submitLabel="Release"
                            variant="danger"
                            confirm={{
                              title: `Release the legal hold on ${h.target}?`,
                              description: `The next retention run may remove or de-identify ${h.target}'s data that is past its period. The release is audited.`,
                              confirmLabel: 'Release the hold',
                            }}
                          />
                        )}
                      </Cell>
                    </tr>
                  ))}
                </Table>
              )}
            </Card>
          </div>
          <Card title="Place a hold">
            <ActionForm
              label="Place a legal hold"
              action={placeLegalHoldAction}
              submitLabel="Place hold"
              fields={[
                {
                  kind: 'select',
                  name: 'clientAccountId',
                  label: 'Client account',
                  options: [
                    { value: '', label: '—' },
                    ...targets.accounts.map((a) => ({ value: a.id, label: a.codename })),
                  ],
                },
                {
                  kind: 'select',
                  name: 'projectId',
                  label: 'or project',
                  options: [
                    { value: '', label: '—' },
                    ...targets.projects.map((p) => ({ value: p.id, label: p.codename })),
                  ],
                },
                { kind: 'textarea', name: 'reason', label: 'Why the data must be kept', required: true },
              ]}
            />
          </Card>
        </div>
        <Card title="Run retention">
          <p className="mb-3 text-sm text-muted">
            A dry run lists what would go and changes nothing. A run removes or de-identifies exactly what is past its
            period and skips anything held; running it again changes nothing. `npm run retention` does the same from the
            command line.
          </p>
          <div className="flex flex-wrap gap-4">
            <ActionForm
              inline
              label="Dry run"
              action={runRetentionAction}
              fields={[{ kind: 'hidden', name: 'dryRun', value: 'true' }]}
              submitLabel="Dry run"
              variant="secondary"
            />
            <ActionForm
              inline
              label="Run retention now"
              action={runRetentionAction}
              fields={[{ kind: 'hidden', name: 'dryRun', value: 'false' }]}
              submitLabel="Run retention now"
              variant="danger"
              confirm={{
                title: 'Run retention now?',
                description:
                  'Everything past its retention period is removed or de-identified now, for every person and project, except what a legal hold keeps. This cannot be undone. A dry run first lists what would go.',
                confirmLabel: 'Run retention',
              }}
            />
          </div>
          <h3 className="mt-6 text-sm font-semibold">Recent runs</h3>
          {runs.length === 0 ? (
            <p className="text-sm text-muted">None yet.</p>
          ) : (
            <Table
              caption="Recent retention runs"
              headers={['Started', 'Kind', 'By', 'Per rule: eligible / held / removed']}
            >
              {runs.map((run) => (
                <tr key={run.id}>
                  <Cell>{formatDateTime(run.startedAt)}</Cell>
                  <Cell>
                    {run.dryRun ? 'Dry run' : 'Run'}
                    {run.via === 'cli' ? ' (command line)' : run.via === 'schedule' ? ' (scheduled)' : ''}
                  </Cell>
                  <Cell>{run.by}</Cell>
                  <Cell className="text-xs">
                    {run.rules
                      .map((r) => `${RETENTION_RULE_TEXT[r.rule].title}: ${r.eligible} / ${r.held} / ${r.removed}`)
                      .join(' · ')}
                  </Cell>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}

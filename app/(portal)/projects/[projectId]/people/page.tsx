import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { FileAudience } from '@/components/files/file-audience';
import { getProjectRoster } from '@/lib/dal/clients/get-project-roster';
import { listProjectFiles } from '@/lib/dal/files/list-project-files';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, ROLE_LABELS, SCOPE_LABELS } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';
import { ActionForm } from '@/components/forms/action-form';
import { setReviewScheduleAction } from './actions';

export const metadata: Metadata = { title: 'Who can see this project' };

const TONE = {
  active: 'accent',
  pending: 'danger',
  refused: 'neutral',
  expired: 'neutral',
  revoked: 'neutral',
} as const;
const scopeList = (scopes: string[] | 'all') =>
  scopes === 'all'
    ? 'Everything (lead)'
    : scopes.map((s) => SCOPE_LABELS[s as keyof typeof SCOPE_LABELS] ?? s).join(', ');

/** Issue 4, flow 2: for the owning client, every person with access to their project and each high-risk allowlist. */
export default async function ProjectPeoplePage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireSessionUser();
  const projectId = parseId((await params).projectId);
  const roster = projectId ? await getProjectRoster(user, projectId) : null;
  if (!roster) notFound();
  const projectFiles = (await listProjectFiles(user, roster.project.id)) ?? [];
  const current = roster.members.filter((m) => m.state === 'active');
  const ended = roster.members.filter((m) => m.state !== 'active');
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${roster.project.id}`} className="text-accent hover:underline">
          ← {roster.project.codename}
        </Link>
      </p>
      <PageHeader
        title={`Who can see ${roster.project.codename}`}
        subtitle={`${roster.project.clientName}: everyone granted access to this project, and since when. Grants and revocations take effect on their next request.`}
      />
      <div className="space-y-6">
        <Card title="Access reviews">
          <p className="text-sm" data-testid="last-review">
            {roster.review.lastClosedAt
              ? `Access to ${roster.project.codename} was last reviewed on ${formatDate(roster.review.lastClosedAt)}${roster.review.lastClosedBy ? ` by ${roster.review.lastClosedBy}` : ' (the review window ended; unconfirmed access expired)'}.`
              : `Access to ${roster.project.codename} has not been reviewed yet.`}
            {roster.review.openDueAt ? ` A review is under way until ${formatDate(roster.review.openDueAt)}.` : ''}
            {` Reviews happen at least every ${roster.review.intervalDays} days: the lead confirms, narrows or revokes each grant, and what is not confirmed expires.`}
          </p>
          <div className="mt-3">
            <ActionForm
              inline
              label="Review interval"
              action={setReviewScheduleAction}
              submitLabel="Save interval"
              fields={[
                { kind: 'hidden', name: 'clientAccountId', value: roster.review.clientAccountId },
                {
                  kind: 'text',
                  name: 'days',
                  label: 'Review my projects’ access every (days, 7–90)',
                  defaultValue: String(roster.review.intervalDays),
                  required: true,
                },
              ]}
            />
          </div>
        </Card>
        <Card title="People with access">
          <Table
            headers={['Person', 'Role', 'Project role', 'Scopes', 'Since', 'Until', 'NDA on file']}
            caption="People with access"
          >
            {current.map((m) => (
              <tr key={m.id}>
                <Cell className="font-medium">{m.person}</Cell>
                <Cell>{ROLE_LABELS[m.personRole]}</Cell>
                <Cell>{m.role}</Cell>
                <Cell>{scopeList(m.scopes)}</Cell>
                <Cell>{formatDate(m.since)}</Cell>
                <Cell>{m.until ? formatDate(m.until) : 'No end date'}</Cell>
                <Cell>{m.nda}</Cell>
              </tr>
            ))}
          </Table>
        </Card>
        <Card title="High-risk items and their allowlists">
          {roster.highRiskItems.length === 0 ? <p className="text-sm text-muted">No high-risk items.</p> : null}
          <div className="space-y-5">
            {roster.highRiskItems.map((item) => (
              <div key={item.id}>
                <h3 className="mb-2 text-sm font-semibold">
                  <Link href={`/items/${item.id}`} className="text-accent hover:underline">
                    {item.label}
                  </Link>
                </h3>
                <Table
                  headers={['Person', 'Role', 'Reason', 'Granted by', 'Since', 'Until', 'State']}
                  caption={`Allowlist of ${item.label}`}
                >
                  {item.entries.map((e) => (
                    <tr key={e.id}>
                      <Cell className="font-medium">{e.person}</Cell>
                      <Cell>{ROLE_LABELS[e.personRole]}</Cell>
                      <Cell>{e.reason}</Cell>
                      <Cell>{e.grantedBy}</Cell>
                      <Cell>{formatDate(e.since)}</Cell>
                      <Cell>{e.until ? formatDate(e.until) : 'No end date'}</Cell>
                      <Cell>
                        <Badge tone={TONE[e.state]}>
                          {e.state === 'pending' ? 'waiting for your approval' : e.state}
                        </Badge>
                        {e.decisionReason ? (
                          <span className="ml-1 text-xs text-muted">“{e.decisionReason}”</span>
                        ) : null}
                      </Cell>
                    </tr>
                  ))}
                </Table>
              </div>
            ))}
          </div>
        </Card>
        <FileAudience
          files={projectFiles}
          members={roster.members}
          highRiskItems={roster.highRiskItems}
          counterparty={null}
        />
        {ended.length > 0 ? (
          <Card title="Access that has ended">
            <Table headers={['Person', 'Role', 'Scopes', 'Since', 'Ended', 'How']} caption="Access that has ended">
              {ended.map((m) => (
                <tr key={m.id}>
                  <Cell>{m.person}</Cell>
                  <Cell>{ROLE_LABELS[m.personRole]}</Cell>
                  <Cell>{scopeList(m.scopes)}</Cell>
                  <Cell>{formatDate(m.since)}</Cell>
                  <Cell>{formatDate(m.revokedAt ?? m.until)}</Cell>
                  <Cell>{m.state}</Cell>
                </tr>
              ))}
            </Table>
          </Card>
        ) : null}
        <p className="text-sm">
          <Link href={`/client/history?projectId=${roster.project.id}`} className="text-accent hover:underline">
            See who read what on {roster.project.codename} →
          </Link>
        </p>
      </div>
    </>
  );
}

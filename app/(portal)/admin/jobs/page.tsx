import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { mayAdminister } from '@/lib/dal/guard';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { listJobOverview } from '@/lib/jobs/job-overview';
import { describeSummary } from '@/lib/jobs/names';
import { formatDateTime } from '@/lib/labels';
import { runJobNowAction } from './actions';

export const metadata: Metadata = { title: 'Scheduled jobs' };

const OUTCOME = { running: 'Running', succeeded: 'Succeeded', failed: 'Failed' } as const;

export default async function JobsPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'jobs.manage')) notFound();
  const { scheduler, jobs, outbox } = await listJobOverview(user);
  const schedulerText =
    scheduler.state === 'running'
      ? `The schedule is running here (${scheduler.runner === 'pg-boss' ? 'pg-boss on PostgreSQL: each run happens once across all instances' : 'in this process, on the embedded database'}).`
      : scheduler.state === 'starting'
        ? 'The schedule is starting (waiting for the database).'
        : 'The schedule is off in this instance (CLEARANCE_JOBS=off): nothing runs by itself here, but "Run now" works.';
  return (
    <>
      <PageHeader
        title="Scheduled jobs"
        subtitle="Work that runs by itself: when each job last ran, when it runs next, and what failed."
      />
      <p className="mb-4 text-sm text-muted" role="status">
        {schedulerText} Times are UTC.
      </p>
      <div className="space-y-6">
        <Card title="Jobs">
          <Table
            caption="Scheduled jobs"
            headers={['Job', 'Schedule', 'Last run', 'Next run', 'Failures (7 days)', '']}
          >
            {jobs.map((job) => (
              <tr key={job.name}>
                <Cell className="font-medium">
                  {job.title}
                  <span className="block text-xs font-normal text-muted">{job.description}</span>
                </Cell>
                <Cell>{job.when}</Cell>
                <Cell>
                  {job.lastRun ? (
                    <>
                      {formatDateTime(job.lastRun.startedAt)}{' '}
                      <Badge tone={job.lastRun.outcome === 'failed' ? 'danger' : 'neutral'}>
                        {OUTCOME[job.lastRun.outcome]}
                      </Badge>
                      {job.lastRun.errorKind ? (
                        <span className="block text-xs text-danger">{job.lastRun.errorKind}</span>
                      ) : null}
                    </>
                  ) : (
                    'Never'
                  )}
                </Cell>
                <Cell>{job.nextRunAt ? formatDateTime(job.nextRunAt) : '—'}</Cell>
                <Cell>{job.failuresLastWeek === 0 ? 'None' : <Badge tone="danger">{job.failuresLastWeek}</Badge>}</Cell>
                <Cell>
                  <ActionForm
                    inline
                    label={`Run ${job.title} now`}
                    action={runJobNowAction}
                    fields={[{ kind: 'hidden', name: 'job', value: job.name }]}
                    submitLabel="Run now"
                    pendingLabel="Running…"
                    variant="secondary"
                  />
                </Cell>
              </tr>
            ))}
          </Table>
          <p className="mt-3 text-xs text-muted">
            Emails waiting: {outbox.waiting}. Given up after repeated failures: {outbox.givenUp}.
          </p>
        </Card>
        <Card title="Recent runs">
          <Table caption="Recent runs" headers={['Job', 'Started', 'Finished', 'How', 'Outcome', 'What it did']}>
            {jobs.flatMap((job) =>
              job.recent.map((run) => (
                <tr key={run.id}>
                  <Cell>{job.title}</Cell>
                  <Cell>{formatDateTime(run.startedAt)}</Cell>
                  <Cell>{run.finishedAt ? formatDateTime(run.finishedAt) : '—'}</Cell>
                  <Cell>{run.trigger === 'manual' ? `By hand${run.by ? ` (${run.by})` : ''}` : 'Scheduled'}</Cell>
                  <Cell>
                    {OUTCOME[run.outcome]}
                    {run.errorKind ? ` (${run.errorKind})` : ''}
                  </Cell>
                  <Cell className="text-xs">{describeSummary(run.summary) || '—'}</Cell>
                </tr>
              )),
            )}
          </Table>
        </Card>
      </div>
    </>
  );
}

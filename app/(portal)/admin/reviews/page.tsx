import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { listAccessReviews } from '@/lib/dal/reviews/list-access-reviews';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate } from '@/lib/labels';

export const metadata: Metadata = { title: 'Access reviews' };

/** Every active project's access review state (issue 15 points 7-9): open reviews and their deadlines, the last one, the next. */
export default async function AdminReviewsPage() {
  const user = await requireSessionUser();
  const rows = await listAccessReviews(user);
  if (!rows) notFound();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Access reviews"
        subtitle="Each project’s access is reviewed on a schedule (every 90 days, or the client’s shorter interval). The lead — or an administrator where there is none — confirms, narrows or revokes each grant; what nobody confirms by the end of the window expires by itself."
      />
      <Card>
        <Table
          headers={['Project', 'State', 'Last reviewed', 'Next due', 'Interval', 'Review']}
          caption="Access reviews by project"
        >
          {rows.map((r) => (
            <tr key={r.projectId}>
              <Cell className="font-medium">{r.codename}</Cell>
              <Cell>
                {r.openDueAt ? (
                  <Badge tone="danger">open until {formatDate(r.openDueAt)}</Badge>
                ) : r.nextDueAt <= now ? (
                  <Badge tone="danger">due</Badge>
                ) : (
                  <Badge>up to date</Badge>
                )}
              </Cell>
              <Cell>{r.lastClosedAt ? formatDate(r.lastClosedAt) : 'Never'}</Cell>
              <Cell>{r.openDueAt ? '—' : formatDate(r.nextDueAt)}</Cell>
              <Cell>{r.intervalDays} days</Cell>
              <Cell>
                <Link href={`/projects/${r.projectId}/review`} className="text-accent hover:underline">
                  {r.openDueAt ? 'Review' : 'Open'}
                  <span className="sr-only"> the access review of {r.codename}</span>
                </Link>
              </Cell>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}

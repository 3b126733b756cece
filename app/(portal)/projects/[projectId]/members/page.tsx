import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { EXPIRY_WARNING_DAYS } from '@/lib/dal/projects/expiry-warning';
import { getLedProjectMembers } from '@/lib/dal/projects/get-led-project-members';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, ROLE_LABELS, SCOPE_LABELS } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';

export const metadata: Metadata = { title: 'Project members' };

const scopeList = (scopes: string[] | 'all') =>
  scopes === 'all'
    ? 'Everything (lead)'
    : scopes.map((s) => SCOPE_LABELS[s as keyof typeof SCOPE_LABELS] ?? s).join(', ');

/** Issue 16: the project's lead sees who is on their project, with scopes and expiry. Anyone else: not found. */
export default async function ProjectMembersPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireSessionUser();
  const projectId = parseId((await params).projectId);
  const led = projectId ? await getLedProjectMembers(user, projectId) : null;
  if (!led) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${led.project.id}`} className="text-accent hover:underline">
          ← {led.project.codename}
        </Link>
      </p>
      <PageHeader
        title={`Members of ${led.project.codename}`}
        subtitle="Everyone whose access to this project is in force now. Grants and revocations are an administrator’s; you confirm or narrow them in the access review."
      />
      <Card
        title={`Current members (${led.members.length})`}
        actions={
          <Link href={`/projects/${led.project.id}/review`} className="text-sm text-accent hover:underline">
            Access review →
          </Link>
        }
      >
        {led.members.length === 0 ? (
          <p className="text-sm text-muted">Nobody holds access to this project now.</p>
        ) : (
          <Table headers={['Person', 'Role', 'Project role', 'Scopes', 'Since', 'Until']} caption="Current members">
            {led.members.map((m) => (
              <tr key={m.id}>
                <Cell className="font-medium">{m.person}</Cell>
                <Cell>{ROLE_LABELS[m.personRole]}</Cell>
                <Cell>{m.role === 'lead' ? 'Lead' : 'Member'}</Cell>
                <Cell>{scopeList(m.scopes)}</Cell>
                <Cell>{formatDate(m.since)}</Cell>
                <Cell>
                  {m.until ? formatDate(m.until) : 'No expiry'}
                  {m.endingSoon ? (
                    <>
                      {' '}
                      <Badge tone="danger">Ends within {EXPIRY_WARNING_DAYS} days</Badge>
                    </>
                  ) : null}
                </Cell>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}

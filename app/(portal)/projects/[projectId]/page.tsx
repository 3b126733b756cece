import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { KIND_LABELS } from '@/lib/public-use/texts';
import { getProjectPermissionSummary } from '@/lib/dal/public-use/get-project-permission-summary';
import { mayOpenEvents } from '@/lib/dal/events/may-open-events';
import { getProjectDetail } from '@/lib/dal/projects/get-project-detail';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { CATEGORY_LABELS, formatDate } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';

export const metadata: Metadata = { title: 'Project' };

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireSessionUser();
  const projectId = parseId((await params).projectId);
  const project = projectId ? await getProjectDetail(user, projectId) : null;
  if (!project) notFound();
  const permissions = await getProjectPermissionSummary(user, project.id);
  const mayViewEvents = await mayOpenEvents(user, project.id);

  return (
    <>
      <PageHeader
        title={project.codename}
        subtitle={
          project.clientName
            ? `${project.clientName}${project.counterpartyName ? ` × ${project.counterpartyName}` : ''}`
            : 'Client identity withheld: you see the codename only.'
        }
        actions={
          <>
            {mayViewEvents ? (
              <Link
                href={`/projects/${project.id}/events`}
                className="mr-2 rounded-md border border-line px-3.5 py-2 text-sm font-medium hover:bg-line/40"
              >
                Events
              </Link>
            ) : null}
            {project.creatableCategories.length > 0 ? (
              <Link
                href={`/projects/${project.id}/items/new`}
                className="rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-white hover:bg-accent/90"
              >
                New item
              </Link>
            ) : null}
          </>
        }
      />
      {permissions &&
      (permissions.mayViewAccess ||
        permissions.mayViewAuthorizations ||
        permissions.mayReview ||
        permissions.mayViewMembers) ? (
        <nav aria-label="Permissions" className="mb-6 flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
          {permissions.mayViewAccess ? (
            <>
              <Link href={`/projects/${project.id}/people`} className="text-accent hover:underline">
                Who can see it
              </Link>
              <Link href={`/client/history?projectId=${project.id}`} className="text-accent hover:underline">
                Who did
              </Link>
            </>
          ) : null}
          {permissions.mayViewMembers ? (
            <Link href={`/projects/${project.id}/members`} className="text-accent hover:underline">
              Members
            </Link>
          ) : null}
          {permissions.mayReview ? (
            <Link href={`/projects/${project.id}/review`} className="text-accent hover:underline">
              Access review
            </Link>
          ) : null}
          {permissions.mayViewAuthorizations ? (
            <Link href={`/projects/${project.id}/authorizations`} className="text-accent hover:underline">
              Authorizations
            </Link>
          ) : null}
          {permissions.mayViewAuthorizations ? (
            <span className="text-muted" data-testid="public-use-status">
              Public use:{' '}
              {permissions.zeroPublicAssociation
                ? 'none (zero public association)'
                : permissions.inForce.length
                  ? permissions.inForce.map((k) => KIND_LABELS[k]).join(', ')
                  : 'none authorized'}
            </span>
          ) : null}
        </nav>
      ) : null}
      {project.itemsByCategory.length === 0 ? (
        <Card>
          <p className="text-sm text-muted">No items you are cleared to see.</p>
        </Card>
      ) : (
        <div className="space-y-6">
          {project.itemsByCategory.map((group) => (
            <Card key={group.category} title={CATEGORY_LABELS[group.category]}>
              <ul className="divide-y divide-line">
                {group.items.map((item) => (
                  <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                    <Link href={`/items/${item.id}`} className="font-medium text-accent hover:underline">
                      {item.title}
                    </Link>
                    <span className="flex items-center gap-2 text-xs text-muted">
                      {item.classification === 'high_risk' ? <Badge tone="danger">High-risk</Badge> : null}
                      {item.sharedWithCounterparty ? <Badge tone="accent">Shared with counterparty</Badge> : null}
                      <span>#{item.ref}</span>
                      <span>updated {formatDate(item.updatedAt)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

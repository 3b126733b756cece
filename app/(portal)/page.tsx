import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { listVisibleProjects } from '@/lib/dal/projects';
import { requireSessionUser } from '@/lib/dal/session';
import { Desk, loadDesk } from './desk';

export const metadata: Metadata = { title: 'Projects' };

export default async function HomePage() {
  const user = await requireSessionUser();
  const projects = await listVisibleProjects(user);
  const desk = await loadDesk(user);
  return (
    <>
      {/* Issue 16: the first page of admins, leads and clients starts with what waits for them. */}
      {desk ? <Desk sections={desk} /> : null}
      <PageHeader title="Your projects" subtitle="Only the engagements you are cleared for are listed here." />
      {projects.length === 0 ? (
        <Card>
          <p className="text-sm text-muted">
            {user.role === 'admin'
              ? 'You administer access but are not a member of any project. Project content is visible only to those granted it.'
              : 'You have no projects yet. Access is granted by an administrator after your NDA is on file.'}
          </p>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {projects.map((project) => (
            <li key={project.id}>
              <Link href={`/projects/${project.id}`} className="block rounded-lg border border-line bg-white p-5 shadow-xs hover:border-accent/40">
                <div className="flex items-center justify-between gap-2">
                  <h2 className="text-lg font-semibold">{project.codename}</h2>
                  <Badge>{project.status}</Badge>
                </div>
                <p className="mt-1 text-sm text-muted">
                  {project.clientName
                    ? `${project.clientName}${project.counterpartyName ? ` × ${project.counterpartyName}` : ''}`
                    : 'Client identity withheld'}
                </p>
                <p className="mt-3 text-xs text-muted">
                  {project.visibleItemCount} item{project.visibleItemCount === 1 ? '' : 's'} visible to you
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

import Link from 'next/link';
import { Badge, Card } from '@/components/ui/card';
import { ListToolbar, Pager } from '@/components/ui/list-controls';
import type { Actor } from '@/lib/authz';
import { searchVisibleProjects } from '@/lib/dal/projects/search-visible-projects';
import { parseListParams, withoutCursors } from '@/lib/list-query';
import { PROJECT_SORTS, projectListSchema } from '@/lib/validations/lists';

/**
 * "Your projects" (issue 16): searched by codename and, only where the reader may know it, the client's real
 * name; sorted and paged in SQL under the same policy filter as before.
 */
export async function YourProjects({
  user,
  searchParams,
}: {
  user: Actor;
  searchParams: Record<string, string | string[] | undefined>;
}) {
  const params = parseListParams(projectListSchema, searchParams);
  const page = await searchVisibleProjects(user, params);
  const searching = Boolean(params.q) || Boolean(page.prev);
  if (!searching && page.rows.length === 0) {
    return (
      <Card>
        <p className="text-sm text-muted">
          {user.role === 'admin'
            ? 'You administer access but are not a member of any project. Project content is visible only to those granted it.'
            : 'You have no projects yet. Access is granted by an administrator after your NDA is on file.'}
        </p>
      </Card>
    );
  }
  return (
    <>
      <ListToolbar
        label="Search your projects"
        searchLabel="Search your projects"
        placeholder="Codename or client"
        q={params.q}
        sorts={PROJECT_SORTS}
        sort={params.sort}
        dir={params.dir}
        resetHref="/"
      />
      <ul className="grid gap-4 sm:grid-cols-2" aria-label="Your projects">
        {page.rows.map((project) => (
          <li key={project.id}>
            <Link
              href={`/projects/${project.id}`}
              className="block rounded-lg border border-line bg-white p-5 shadow-xs hover:border-accent/40"
            >
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
      <Pager
        pathname="/"
        params={withoutCursors(params)}
        page={page}
        label="Project pages"
        count={page.rows.length}
        emptyMessage="No project matches."
      />
    </>
  );
}

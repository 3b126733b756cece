import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, PageHeader } from '@/components/ui/card';
import { listAllowlistCandidates } from '@/lib/dal/items/list-allowlist-candidates';
import { getProjectDetail } from '@/lib/dal/projects/get-project-detail';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { parseId } from '@/lib/validations/ids';
import { NewItemForm } from './new-item-form';

export const metadata: Metadata = { title: 'New item' };

export default async function NewItemPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireSessionUser();
  const projectId = parseId((await params).projectId);
  const project = projectId ? await getProjectDetail(user, projectId) : null;
  if (!project || project.creatableCategories.length === 0) notFound();
  const candidates = (await listAllowlistCandidates(user, project.id)).filter((c) => c.id !== user.id);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${project.id}`} className="text-accent hover:underline">
          ← {project.codename}
        </Link>
      </p>
      <PageHeader title="New item" subtitle={`Add confidential data to ${project.codename}.`} />
      <Card>
        <NewItemForm
          projectId={project.id}
          categories={project.creatableCategories}
          candidates={candidates}
          isClient={user.role === 'client'}
        />
      </Card>
    </>
  );
}

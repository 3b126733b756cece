import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/card';
import { mayAdminister } from '@/lib/dal/admin/guard';
import { requireSessionUser } from '@/lib/dal/session';
import { YourProjects } from './your-projects';
import { AdminDesk } from './desk';

export const metadata: Metadata = { title: 'Projects' };

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireSessionUser();
  return (
    <>
      {/* Issue 16: an administrator's first page starts with what waits for them. */}
      {mayAdminister(user, 'access_request.decide') ? <AdminDesk user={user} /> : null}
      <PageHeader title="Your projects" subtitle="Only the engagements you are cleared for are listed here." />
      <YourProjects user={user} searchParams={await searchParams} />
    </>
  );
}

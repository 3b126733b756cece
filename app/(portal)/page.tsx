import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/card';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { YourProjects } from './your-projects';
import { Desk, loadDesk } from './desk';

export const metadata: Metadata = { title: 'Projects' };

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  const desk = await loadDesk(user);
  return (
    <>
      {/* Issue 16: the first page of admins, leads and clients starts with what waits for them. */}
      {desk ? <Desk sections={desk} /> : null}
      <PageHeader title="Your projects" subtitle="Only the engagements you are cleared for are listed here." />
      <YourProjects user={user} searchParams={await searchParams} />
    </>
  );
}

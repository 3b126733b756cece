import Link from 'next/link';
import { Badge, Card } from '@/components/ui/card';
import type { SessionUser } from '@/lib/dal/account/read-session-user';
import { getAdminDesk } from '@/lib/dal/desk/get-admin-desk';
import { getClientDesk } from '@/lib/dal/desk/get-client-desk';
import { getLeadDesk } from '@/lib/dal/desk/get-lead-desk';
import { type DeskSection } from '@/lib/dal/desk/desk-section';

/**
 * The desk (issue 16): what waits for the person signed in, each entry linking to the page where it is done. An
 * administrator sees access requests, client decisions, privacy clocks, reviews and what ends soon; a lead, their
 * projects' members and reviews; a client, what waits for their decision. Counts and lists come from SQL under the
 * policy filters (lib/dal/desk.ts). Nothing to show for someone with none of these roles: no desk at all.
 */
export async function loadDesk(user: SessionUser, now = new Date()): Promise<DeskSection[] | null> {
  const [admin, lead, client] = await Promise.all([
    getAdminDesk(user, now),
    getLeadDesk(user, now),
    getClientDesk(user),
  ]);
  if (admin.length === 0 && lead.length === 0 && user.role !== 'client') return null;
  return [...lead, ...client, ...admin];
}

export function Desk({ sections }: { sections: DeskSection[] }) {
  const waiting = sections.filter((s) => s.count > 0);
  return (
    <section aria-labelledby="desk-title" className="mb-8">
      <h2 id="desk-title" className="mb-3 text-lg font-semibold">
        Your desk
      </h2>
      {waiting.length === 0 ? (
        <Card>
          <p className="text-sm text-muted" data-testid="desk-empty">
            Nothing is waiting for you.
          </p>
        </Card>
      ) : (
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
          {waiting.map((s) => (
            <Card key={s.key} title={`${s.title} (${s.count})`}>
              <ul className="space-y-2 text-sm" aria-label={s.title} data-testid={`desk-${s.key}`}>
                {s.entries.map((e) => (
                  <li key={e.id}>
                    <Link href={e.href} className="font-medium text-accent hover:underline">
                      {e.text}
                    </Link>
                    {e.detail ? (
                      <span className="block text-xs text-muted">
                        {e.urgent ? <Badge tone="danger">{e.detail}</Badge> : e.detail}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
              <Link href={s.href} className="mt-3 inline-block text-sm text-accent hover:underline">
                {s.linkLabel}
                {s.count > s.entries.length ? ` (all ${s.count})` : ''} →
              </Link>
            </Card>
          ))}
        </div>
      )}
    </section>
  );
}

import Link from 'next/link';
import { UrgencyBadge } from '@/components/privacy/status-badges';
import { Badge, Card } from '@/components/ui/card';
import type { SessionUser } from '@/lib/dal/session';
import { mayAdminister } from '@/lib/dal/admin/guard';
import { listAccessRequests } from '@/lib/dal/admin/requests';
import { listNdaSignatures } from '@/lib/dal/admin/ndas';
import { listPrivacyRequests } from '@/lib/dal/privacy/queue';
import { formatDate } from '@/lib/labels';
import { formatRequestRef, REQUEST_KIND_SHORT } from '@/lib/privacy/vocabulary';

const NDA_WARNING_DAYS = 30;
const SHOWN = 5;

/**
 * The administrator's desk (issue 16): what waits for them, each entry linking to the page where it is done.
 * It reads only through the DAL functions of those pages, so it shows exactly what the policy lets them see there.
 */
export async function AdminDesk({ user, now = new Date() }: { user: SessionUser; now?: Date }) {
  const [requests, privacy, signatures] = await Promise.all([
    mayAdminister(user, 'access_request.decide') ? listAccessRequests(user) : Promise.resolve([]),
    mayAdminister(user, 'privacy.manage') ? listPrivacyRequests(user, { due: 'open' }, now) : Promise.resolve([]),
    mayAdminister(user, 'nda.manage') ? listNdaSignatures(user) : Promise.resolve([]),
  ]);
  const openRequests = requests.filter((r) => r.status === 'open');
  const horizon = new Date(now.getTime() + NDA_WARNING_DAYS * 86_400_000);
  const expiring = signatures.filter((s) => !s.superseded && s.expiresAt !== null && s.expiresAt > now && s.expiresAt <= horizon);
  const nothing = openRequests.length === 0 && privacy.length === 0 && expiring.length === 0;

  return (
    <section aria-labelledby="desk-title" className="mb-8">
      <h2 id="desk-title" className="mb-3 text-lg font-semibold">Your desk</h2>
      {nothing ? (
        <Card><p className="text-sm text-muted" data-testid="desk-empty">Nothing is waiting for you.</p></Card>
      ) : null}
      <div className="grid gap-4 md:grid-cols-3">
        {openRequests.length > 0 ? (
          <Card title={`Access requests (${openRequests.length})`}>
            <ul className="space-y-2 text-sm" aria-label="Access requests waiting">
              {openRequests.slice(0, SHOWN).map((r) => (
                <li key={r.id}>
                  <span className="font-medium">{r.requester}</span> asks for {r.kind === 'high_risk_item' ? 'a high-risk item of' : 'membership of'} {r.project}
                  <span className="block text-xs text-muted">since {formatDate(r.createdAt)}{r.ndaOnFile ? '' : ' · no NDA on file'}</span>
                </li>
              ))}
            </ul>
            <Link href="/admin/requests" className="mt-3 inline-block text-sm text-accent hover:underline">Decide access requests →</Link>
          </Card>
        ) : null}
        {privacy.length > 0 ? (
          <Card title={`Privacy requests (${privacy.length})`}>
            <ul className="space-y-2 text-sm" aria-label="Open privacy requests">
              {privacy.slice(0, SHOWN).map((r) => (
                <li key={r.id}>
                  <Link href={`/admin/privacy/requests/${r.id}`} className="font-medium text-accent hover:underline">{formatRequestRef(r.ref)}</Link>{' '}
                  {REQUEST_KIND_SHORT[r.kind]} <UrgencyBadge urgency={r.urgency} />
                  <span className="block text-xs text-muted">due {formatDate(r.dueOn)}</span>
                </li>
              ))}
            </ul>
            <Link href="/admin/privacy?due=open" className="mt-3 inline-block text-sm text-accent hover:underline">All open privacy requests →</Link>
          </Card>
        ) : null}
        {expiring.length > 0 ? (
          <Card title={`NDAs expiring within ${NDA_WARNING_DAYS} days (${expiring.length})`}>
            <ul className="space-y-2 text-sm" aria-label="NDAs about to expire">
              {expiring.slice(0, SHOWN).map((s) => (
                <li key={s.id}>
                  <span className="font-medium">{s.signer}</span> · {s.scope}
                  <span className="block text-xs text-muted">{s.agreement}, ends <Badge>{formatDate(s.expiresAt)}</Badge></span>
                </li>
              ))}
            </ul>
            <Link href="/admin/ndas" className="mt-3 inline-block text-sm text-accent hover:underline">Send a renewal →</Link>
          </Card>
        ) : null}
      </div>
    </section>
  );
}

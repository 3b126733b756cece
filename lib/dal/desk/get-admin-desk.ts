import 'server-only';
import { sql } from 'drizzle-orm';
import type { Actor, ItemCategory } from '@/lib/authz';
import { daysBetween, parseDay } from '@/lib/privacy/clocks';
import { itemReference } from '@/lib/labels';
import { formatRequestRef, OPEN_STATUSES, REQUEST_KIND_SHORT } from '@/lib/privacy/vocabulary';
import { mayAdminister } from '../guard';
import { EXPIRY_WARNING_DAYS } from '../projects/expiry-warning';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from '../reviews/run-access-reviews';
import { withActor } from '../transaction';
import { DESK_SHOWN, firstRows, day, type DeskSection } from './desk-section';

/**
 * What waits for an administrator (issue 16, the desk): open access requests, grants waiting for a client's
 * decision, privacy requests with the days left on their clocks, access reviews open or falling due, and grants and
 * NDAs that end within EXPIRY_WARNING_DAYS. Each counted and listed in SQL, under the actor's row-level security
 * and only for the administration the policy gives them; each entry links to the page where the work is done.
 */
export async function getAdminDesk(actor: Actor, now = new Date()): Promise<DeskSection[]> {
  if (!mayAdminister(actor, 'access_request.decide')) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  const horizon = sql`${new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000).toISOString()}::timestamptz`;
  return withActor(actor, async ({ tx }) => {
    const sections: DeskSection[] = [];

    const requests = await firstRows<{
      id: string;
      requester: string;
      codename: string;
      kind: string;
      created_at: string;
    }>(
      tx,
      sql`
      select r.id, u.name as requester, p.codename, r.kind, r.created_at, count(*) over () as total
      from access_requests r join users u on u.id = r.requester_id join project_directory p on p.id = r.project_id
      where r.status = 'open' order by r.created_at limit ${DESK_SHOWN}`,
    );
    sections.push({
      key: 'requests',
      title: 'Access requests',
      count: requests.total,
      entries: requests.rows.map((r) => ({
        id: r.id,
        text: `${r.requester} asks for ${r.kind === 'high_risk_item' ? 'a high-risk item of' : 'membership of'} ${r.codename}`,
        detail: `since ${day(r.created_at)}`,
        href: '/admin/requests',
      })),
      href: '/admin/requests',
      linkLabel: 'Decide access requests',
    });

    const pending = await firstRows<{
      id: string;
      person: string;
      codename: string;
      project_id: string;
      category: string;
      ref: number;
      granted_at: string;
    }>(
      tx,
      sql`
      select a.id, u.name as person, p.codename, p.id as project_id, i.category, i.ref, a.granted_at, count(*) over () as total
      from allowlist_entries a join users u on u.id = a.user_id join item_directory i on i.id = a.item_id
        join project_directory p on p.id = i.project_id
      where a.status = 'pending' and a.revoked_at is null and (a.expires_at is null or a.expires_at > ${at})
      order by a.granted_at limit ${DESK_SHOWN}`,
    );
    sections.push({
      key: 'client-decisions',
      title: 'Waiting for a client’s decision',
      count: pending.total,
      entries: pending.rows.map((r) => ({
        id: r.id,
        text: `${r.person} on ${itemReference(r.category as ItemCategory, Number(r.ref))} (${r.codename})`,
        detail: `granted ${day(r.granted_at)}, no access until the client approves`,
        href: `/admin/projects/${r.project_id}`,
      })),
      href: '/admin/projects',
      linkLabel: 'See the projects',
    });

    if (mayAdminister(actor, 'privacy.manage')) {
      const open = sql.join(
        OPEN_STATUSES.map((s) => sql`${s}`),
        sql`, `,
      );
      const privacy = await firstRows<{ id: string; ref: number; kind: string; due_on: string }>(
        tx,
        sql`
        select q.id, q.ref, q.kind, q.due_on::text as due_on, count(*) over () as total
        from privacy_requests q where q.status::text in (${open}) order by q.due_on, q.received_at limit ${DESK_SHOWN}`,
      );
      sections.push({
        key: 'privacy',
        title: 'Privacy requests',
        count: privacy.total,
        entries: privacy.rows.map((r) => {
          const left = daysBetween(now, parseDay(r.due_on));
          return {
            id: r.id,
            text: `${formatRequestRef(Number(r.ref))} ${REQUEST_KIND_SHORT[r.kind as keyof typeof REQUEST_KIND_SHORT] ?? r.kind}`,
            detail:
              left < 0
                ? `overdue by ${-left} day${left === -1 ? '' : 's'} (due ${r.due_on})`
                : `${left} day${left === 1 ? '' : 's'} left (due ${r.due_on})`,
            href: `/admin/privacy/requests/${r.id}`,
            urgent: left <= 7,
          };
        }),
        href: '/admin/privacy?due=open',
        linkLabel: 'All open privacy requests',
      });
    }

    // Reviews under way, and projects whose next review falls due within the warning window (as /admin/reviews computes
    // it).
    const reviews = await firstRows<{
      id: string;
      codename: string;
      open_due_at: string | null;
      next_due_at: string | null;
    }>(
      tx,
      sql`
      select * , count(*) over () as total from (
        select p.id, p.codename,
          (select r.due_at from access_reviews r where r.project_id = p.id and r.closed_at is null limit 1) as open_due_at,
          coalesce((select max(r.closed_at) from access_reviews r where r.project_id = p.id),
                   (select min(m.granted_at) from memberships m where m.project_id = p.id))
            + make_interval(days => coalesce(s.interval_days, ${DEFAULT_REVIEW_INTERVAL_DAYS})) as next_due_at
        from project_directory p left join review_schedules s on s.client_account_id = p.client_account_id
        where p.status = 'active') x
      where x.open_due_at is not null or x.next_due_at <= ${horizon}
      order by coalesce(x.open_due_at, x.next_due_at) limit ${DESK_SHOWN}`,
    );
    sections.push({
      key: 'reviews',
      title: 'Access reviews',
      count: reviews.total,
      entries: reviews.rows.map((r) => ({
        id: r.id,
        text: r.codename,
        detail: r.open_due_at
          ? `review under way, ends ${day(r.open_due_at)}`
          : `next review due ${day(r.next_due_at)}`,
        href: `/projects/${r.id}/review`,
      })),
      href: '/admin/reviews',
      linkLabel: 'All access reviews',
    });

    const expiring = await firstRows<{
      id: string;
      person: string;
      codename: string;
      project_id: string;
      what: string | null;
      expires_at: string;
    }>(
      tx,
      sql`
      select * , count(*) over () as total from (
        select m.id, u.name as person, p.codename, p.id as project_id, null::text as what, m.expires_at
        from memberships m join users u on u.id = m.user_id join project_directory p on p.id = m.project_id
        where m.revoked_at is null and m.expires_at > ${at} and m.expires_at <= ${horizon}
        union all
        select a.id, u.name, p.codename, p.id, i.category::text || '#' || i.ref::text, a.expires_at
        from allowlist_entries a join users u on u.id = a.user_id join item_directory i on i.id = a.item_id
          join project_directory p on p.id = i.project_id
        where a.status = 'active' and a.revoked_at is null and a.expires_at > ${at} and a.expires_at <= ${horizon}) g
      order by g.expires_at limit ${DESK_SHOWN}`,
    );
    sections.push({
      key: 'expiring-grants',
      title: `Grants ending within ${EXPIRY_WARNING_DAYS} days`,
      count: expiring.total,
      entries: expiring.rows.map((r) => {
        const [category, ref] = (r.what ?? '').split('#');
        return {
          id: r.id,
          text: `${r.person} on ${r.what ? `${itemReference(category as ItemCategory, Number(ref))} (${r.codename})` : r.codename}`,
          detail: `ends ${day(r.expires_at)}`,
          href: `/admin/projects/${r.project_id}`,
        };
      }),
      href: '/admin/projects',
      linkLabel: 'See the projects',
    });

    if (mayAdminister(actor, 'nda.manage')) {
      const ndas = await firstRows<{ id: string; signer: string; title: string; expires_at: string }>(
        tx,
        sql`
        select s.id, u.name as signer, v.title, s.expires_at, count(*) over () as total
        from nda_signatures s join users u on u.id = s.user_id join nda_versions v on v.id = s.nda_version_id
        where s.superseded_at is null and s.expires_at > ${at} and s.expires_at <= ${horizon}
        order by s.expires_at limit ${DESK_SHOWN}`,
      );
      sections.push({
        key: 'ndas',
        title: `NDAs ending within ${EXPIRY_WARNING_DAYS} days`,
        count: ndas.total,
        entries: ndas.rows.map((r) => ({
          id: r.id,
          text: `${r.signer}: ${r.title}`,
          detail: `ends ${day(r.expires_at)}`,
          href: '/admin/ndas',
        })),
        href: '/admin/ndas',
        linkLabel: 'Send a renewal',
      });
    }
    return sections;
  });
}

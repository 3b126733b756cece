import 'server-only';
import { and, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { addDays, isoDay, parseDay, urgencyOf } from '@/lib/privacy/clocks';
import { OPEN_STATUSES } from '@/lib/privacy/vocabulary';
import type { Page } from '@/lib/list-query';
import type { privacyListSchema } from '@/lib/validations/lists';
import type { z } from 'zod';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { type QueueRow, isOpen, subjectLabel } from './queue-row';

/**
 * One page of the queue (issue 16): filtered as before, searched by the person as the queue names them and by
 * reference, sorted by due date (open requests first), received time or reference, and paged in SQL.
 */
export async function searchPrivacyRequests(
  actor: Actor,
  params: z.output<typeof privacyListSchema>,
  now = new Date(),
): Promise<Page<QueueRow>> {
  assertAllowed(actor, 'privacy.manage');
  const today = isoDay(now);
  const open = inArray(privacyRequests.status, [...OPEN_STATUSES]);
  const due =
    params.due === 'overdue'
      ? and(open, lt(privacyRequests.dueOn, today))
      : params.due === 'due_soon'
        ? and(open, gte(privacyRequests.dueOn, today), lte(privacyRequests.dueOn, isoDay(addDays(now, 7))))
        : params.due === 'open'
          ? open
          : undefined;
  const sorts: Record<typeof params.sort, SortKey> = {
    // Open requests before closed ones, each soonest due first: one text key, so a cursor holds it whole.
    due: { expr: sql`(case when ${open} then '0' else '1' end) || ${privacyRequests.dueOn}::text`, type: 'text' },
    received: { expr: sql`${privacyRequests.receivedAt}`, type: 'timestamptz' },
    ref: { expr: sql`${privacyRequests.ref}`, type: 'bigint' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${privacyRequests.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: privacyRequests.id,
        ref: privacyRequests.ref,
        kind: privacyRequests.kind,
        jurisdiction: privacyRequests.jurisdiction,
        status: privacyRequests.status,
        channel: privacyRequests.channel,
        subject: subjectLabel,
        agentEmail: privacyRequests.agentEmail,
        receivedAt: privacyRequests.receivedAt,
        dueOn: privacyRequests.dueOn,
        ackDueOn: privacyRequests.ackDueOn,
        acknowledgedAt: privacyRequests.acknowledgedAt,
        extendedAt: privacyRequests.extendedAt,
        ...page.columns,
      })
      .from(privacyRequests)
      .where(
        and(
          params.kind ? eq(privacyRequests.kind, params.kind) : undefined,
          params.status ? eq(privacyRequests.status, params.status) : undefined,
          due,
          searchWhere(params.q, [subjectLabel, sql`'PR-' || lpad(${privacyRequests.ref}::text, 5, '0')`]),
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  const result = page.page(rows);
  return {
    ...result,
    rows: result.rows.map(({ agentEmail, acknowledgedAt, extendedAt, ...r }) => ({
      ...r,
      agent: agentEmail !== null,
      acknowledged: acknowledgedAt !== null,
      extended: extendedAt !== null,
      urgency: isOpen(r.status) ? urgencyOf(parseDay(r.dueOn), now) : null,
    })),
  };
}

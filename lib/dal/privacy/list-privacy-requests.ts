import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { addDays, isoDay, parseDay, urgencyOf } from '@/lib/privacy/clocks';
import { OPEN_STATUSES } from '@/lib/privacy/vocabulary';
import type { QueueFilter } from '@/lib/validations/privacy';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { type QueueRow, isOpen, subjectLabel } from './queue-row';

/** The admin queue: open requests first, soonest due first; overdue and due-within-7-days stand out. */
export async function listPrivacyRequests(actor: Actor, filter: QueueFilter, now = new Date()): Promise<QueueRow[]> {
  assertAllowed(actor, 'privacy.manage');
  const today = isoDay(now);
  const open = inArray(privacyRequests.status, [...OPEN_STATUSES]);
  const due =
    filter.due === 'overdue'
      ? and(open, lt(privacyRequests.dueOn, today))
      : filter.due === 'due_soon'
        ? and(open, gte(privacyRequests.dueOn, today), lte(privacyRequests.dueOn, isoDay(addDays(now, 7))))
        : filter.due === 'open'
          ? open
          : undefined;
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
      })
      .from(privacyRequests)
      .where(
        and(
          filter.kind ? eq(privacyRequests.kind, filter.kind) : undefined,
          filter.status ? eq(privacyRequests.status, filter.status) : undefined,
          due,
        ),
      )
      .orderBy(sql`case when ${open} then 0 else 1 end`, asc(privacyRequests.dueOn), desc(privacyRequests.receivedAt))
      .limit(500),
  );
  return rows.map(({ agentEmail, acknowledgedAt, extendedAt, ...r }) => ({
    ...r,
    agent: agentEmail !== null,
    acknowledged: acknowledgedAt !== null,
    extended: extendedAt !== null,
    urgency: isOpen(r.status) ? urgencyOf(parseDay(r.dueOn), now) : null,
  }));
}

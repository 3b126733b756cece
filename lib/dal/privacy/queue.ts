import 'server-only';
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { auditEvents, privacyExports, privacyRequests, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import { addDays, clockRule, isoDay, parseDay, urgencyOf, type ClockRule, type Urgency } from '@/lib/privacy/clocks';
import { OPEN_STATUSES, type Jurisdiction, type RequestKind, type RequestStatus } from '@/lib/privacy/vocabulary';
import type { QueueFilter } from '@/lib/validations/privacy';
import type { Page } from '@/lib/list-query';
import type { privacyListSchema } from '@/lib/validations/lists';
import type { z } from 'zod';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { assertAllowed } from '../guard';
import { clientLabelSql } from '../clients/client-label-sql';
import { withActor } from '../transaction';

export type QueueRow = {
  id: string;
  ref: number;
  kind: RequestKind;
  jurisdiction: Jurisdiction;
  status: RequestStatus;
  channel: 'public' | 'account';
  subject: string;
  agent: boolean;
  receivedAt: Date;
  dueOn: string;
  ackDueOn: string | null;
  acknowledged: boolean;
  extended: boolean;
  /** Only for open requests. */
  urgency: Urgency | null;
};

const isOpen = (s: RequestStatus) => OPEN_STATUSES.includes(s);

/**
 * How the queue names the person: a client user by their account's codename (real client names live on the
 * client-account pages only, docs/product.md §9), anyone else by the name they gave.
 */
const subjectLabel = sql<string>`case when (select u.role from ${users} u where u.id = ${privacyRequests.subjectUserId}) = 'client'
  then ${clientLabelSql(sql`${privacyRequests.subjectUserId}`)} else ${privacyRequests.subjectName} end`;

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

export type RequestDetail = QueueRow & {
  email: string;
  details: string | null;
  subjectUserId: string | null;
  agentName: string | null;
  agentEmail: string | null;
  agentPermissionText: string | null;
  agentMayReceive: boolean;
  verificationMethod: string | null;
  verifiedAt: Date | null;
  subjectConfirmedAt: Date | null;
  originalDueOn: string;
  extensionReason: string | null;
  refusalReason: string | null;
  closedAt: Date | null;
  receipt: (typeof privacyRequests.$inferSelect)['receipt'];
  rule: ClockRule;
  exports: { recipient: string; expiresAt: Date; usedAt: Date | null }[];
  history: { at: Date; action: string; outcome: string; reason: string | null }[];
};

export async function getPrivacyRequest(actor: Actor, requestId: string, now = new Date()): Promise<RequestDetail> {
  assertAllowed(actor, 'privacy.manage');
  return withActor(actor, async ({ tx }) => {
    const [r] = await tx
      .select({ row: privacyRequests, subject: subjectLabel })
      .from(privacyRequests)
      .where(eq(privacyRequests.id, requestId));
    if (!r) throw notFoundError();
    const { row } = r;
    const exports = await tx
      .select({
        recipient: privacyExports.recipient,
        expiresAt: privacyExports.expiresAt,
        usedAt: privacyExports.usedAt,
      })
      .from(privacyExports)
      .where(eq(privacyExports.requestId, requestId));
    const history = await tx
      .select({
        at: auditEvents.at,
        action: auditEvents.action,
        outcome: auditEvents.outcome,
        reason: auditEvents.reason,
      })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, 'privacy_request'), eq(auditEvents.targetId, requestId)))
      .orderBy(asc(auditEvents.seq));
    return {
      id: row.id,
      ref: row.ref,
      kind: row.kind,
      jurisdiction: row.jurisdiction,
      status: row.status,
      channel: row.channel,
      subject: r.subject,
      agent: row.agentEmail !== null,
      receivedAt: row.receivedAt,
      dueOn: row.dueOn,
      ackDueOn: row.ackDueOn,
      acknowledged: row.acknowledgedAt !== null,
      extended: row.extendedAt !== null,
      urgency: isOpen(row.status) ? urgencyOf(parseDay(row.dueOn), now) : null,
      email: row.subjectEmail,
      details: row.details,
      subjectUserId: row.subjectUserId,
      agentName: row.agentName,
      agentEmail: row.agentEmail,
      agentPermissionText: row.agentPermissionText,
      agentMayReceive: row.agentMayReceive,
      verificationMethod: row.verificationMethod,
      verifiedAt: row.verifiedAt,
      subjectConfirmedAt: row.subjectConfirmedAt,
      originalDueOn: row.originalDueOn,
      extensionReason: row.extensionReason,
      refusalReason: row.refusalReason,
      closedAt: row.closedAt,
      receipt: row.receipt,
      rule: clockRule(row.kind, row.jurisdiction),
      exports,
      history,
    };
  });
}

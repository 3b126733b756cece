import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { auditEvents, privacyExports, privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import { clockRule, parseDay, urgencyOf, type ClockRule } from '@/lib/privacy/clocks';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { type QueueRow, isOpen, subjectLabel } from './queue-row';

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

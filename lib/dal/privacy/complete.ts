import 'server-only';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { consentRecords, privacyFlags, privacyRequests, users, type DeletionReceipt } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import { completionEmail } from '@/lib/privacy/emails';
import type { RequestKind } from '@/lib/privacy/vocabulary';
import { assertAllowed } from '../guard';
import type { AuditEntry, RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { lockOpenRequest, notifyRequester, type RequestRow } from './open-request';
import { eraseSubject } from './erase';
import { createExportLinks } from './create-export-links';
import { currentPolicyVersionNumber } from './policy-version-facts';
import { matchSubject } from './verification-facts';

export type CompleteInput = { requestId: string; field?: 'name' | 'email' | undefined; value?: string | undefined };
type Outcome = { summary: string; receipt?: DeletionReceipt };
type Context = {
  tx: Tx;
  actor: Actor;
  row: RequestRow;
  userId: string | null;
  input: CompleteInput;
  now: Date;
  audit: (e: AuditEntry) => void;
  meta: RequestMeta;
};

const NO_ACCOUNT = 'We hold no account under this email, so there was nothing more to change.';

const CONSENT_PURPOSES: Partial<Record<RequestKind, (typeof consentRecords.$inferInsert.purpose)[]>> = {
  withdraw_consent: ['marketing_email', 'analytics', 'functional', 'marketing'],
  opt_out_sale_sharing: ['sale_sharing', 'marketing'],
  limit_sensitive: ['sensitive_use'],
};

async function correct({ tx, actor, userId, input, audit, meta, now }: Context): Promise<Outcome> {
  if (!userId)
    throw invalid('No account matches this email: there is nothing to correct. Refuse the request and say so.');
  if (!input.field || !input.value)
    throw invalid('Say which field to correct and its new value.', { value: ['Enter the corrected value.'] });
  const value = input.field === 'email' ? input.value.toLowerCase() : input.value;
  if (input.field === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
    throw invalid('Enter a valid email address.', { value: ['Enter a valid email address.'] });
  if (input.field === 'email') {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(sql`lower(${users.email})`, value), ne(users.id, userId)));
    if (taken) throw invalid('Another account already uses that email.', { value: ['Already in use.'] });
  }
  const [before] = await tx
    .select({ name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  await tx
    .update(users)
    .set({ [input.field]: value, updatedAt: now })
    .where(eq(users.id, userId));
  // The before/after values are the evidence the law asks for; the audit log is where evidence lives.
  audit({
    actorId: actor.id,
    action: 'privacy.correction_applied',
    targetType: 'user',
    targetId: userId,
    outcome: 'allowed',
    details: { field: input.field, before: before![input.field], after: value },
    meta,
  });
  return { summary: `We corrected your ${input.field}.` };
}

async function flag({ tx, row, userId, now }: Context, kind: 'restricted' | 'objected'): Promise<Outcome> {
  if (!userId) return { summary: NO_ACCOUNT };
  const [active] = await tx
    .select({ id: privacyFlags.id })
    .from(privacyFlags)
    .where(and(eq(privacyFlags.userId, userId), eq(privacyFlags.flag, kind), isNull(privacyFlags.liftedAt)));
  if (!active) await tx.insert(privacyFlags).values({ userId, flag: kind, requestId: row.id, setAt: now });
  return {
    summary:
      'Your data is now left out of any optional processing and of anything we show or send to third parties, such as our public portfolio.',
  };
}

async function recordConsents({ tx, row, userId }: Context): Promise<Outcome> {
  if (!userId) return { summary: NO_ACCOUNT };
  const noticeVersion = await currentPolicyVersionNumber(tx);
  const purposes = CONSENT_PURPOSES[row.kind] ?? [];
  await tx.insert(consentRecords).values(
    purposes.map((purpose) => ({
      userId,
      purpose,
      decision: 'denied' as const,
      method: 'request' as const,
      noticeVersion,
    })),
  );
  return { summary: 'We recorded your choice; it applies from now on.' };
}

async function act(context: Context): Promise<Outcome> {
  const { tx, actor, row, userId, now } = context;
  switch (row.kind) {
    case 'access':
    case 'portability': {
      const links = await createExportLinks(tx, row, actor.id, now);
      return {
        summary: `We emailed ${links === 1 ? 'a download link' : 'download links'} for a copy of your data. Each works once and expires within five days.`,
      };
    }
    case 'deletion': {
      if (userId === actor.id) throw invalid('You cannot erase your own account: ask another administrator.');
      const receipt = await eraseSubject(tx, { userId, email: row.subjectEmail, requestId: row.id }, now);
      return {
        summary: 'We deleted or de-identified your data. What we had to keep, and why, is listed in the receipt.',
        receipt,
      };
    }
    case 'correction':
      return correct(context);
    case 'restriction':
      return flag(context, 'restricted');
    case 'objection':
      return flag(context, 'objected');
    default:
      return recordConsents(context);
  }
}

const receiptText = (receipt: DeletionReceipt) =>
  receipt.tables.map((t) => `- ${t.table}: ${t.outcome}${t.count ? ` (${t.count})` : ''}. ${t.why}`).join('\n');

/** Does what the request asked, closes it, tells the requester, and records it all in one transaction. */
export async function completePrivacyRequest(
  actor: Actor,
  input: CompleteInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<Outcome> {
  assertAllowed(actor, 'privacy.manage');
  return withActor(actor, async ({ tx, audit }) => {
    const row = await lockOpenRequest(tx, input.requestId);
    if (row.status === 'verifying')
      throw invalid('This request is not verified yet: complete it once the requester has confirmed.');
    const userId = row.subjectUserId ?? (await matchSubject(tx, row.subjectEmail));
    const outcome = await act({ tx, actor, row, userId, input, now, audit, meta });
    await tx
      .update(privacyRequests)
      .set({
        status: 'completed',
        closedAt: now,
        subjectUserId: userId,
        receipt: outcome.receipt ?? null,
        updatedAt: now,
      })
      .where(eq(privacyRequests.id, row.id));
    const text = outcome.receipt ? `${outcome.summary}\n\nReceipt:\n${receiptText(outcome.receipt)}` : outcome.summary;
    // Queued after any erasure, so the confirmation itself survives to be delivered.
    await notifyRequester(
      tx,
      row,
      completionEmail({ ref: row.ref, kind: row.kind }, text),
      completionEmail({ ref: row.ref, kind: row.kind }, outcome.summary),
    );
    audit({
      actorId: actor.id,
      action: 'privacy.request_completed',
      targetType: 'privacy_request',
      targetId: row.id,
      outcome: 'allowed',
      details: {
        kind: row.kind,
        ...(outcome.receipt
          ? { receipt: outcome.receipt.tables.map(({ table, outcome: o, count }) => ({ table, outcome: o, count })) }
          : {}),
      },
      meta,
    });
    return outcome;
  });
}

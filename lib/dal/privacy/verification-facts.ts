import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { randomUUID } from 'node:crypto';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { privacyFlags, privacyRequestCodes, privacyRequests, users } from '@/db/schema';
import { invalid } from '@/lib/errors';
import { parseDay } from '@/lib/privacy/clocks';
import { acknowledgementEmail, codeEmail, subjectConfirmationEmail } from '@/lib/privacy/emails';
import { TOO_MANY_CODES } from '@/lib/privacy/messages';
import { hashCode, sixDigitCode } from '@/lib/privacy/secrets';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';

export const CODE_MINUTES = 10;
export const CODE_TRIES = 3;
/** Codes per request and purpose, first one included: enough for honest mistakes, not for mail-bombing. */
export const MAX_CODES = 5;

export type Purpose = 'requester' | 'subject';
type RequestRow = typeof privacyRequests.$inferSelect;

/** Sends a fresh code (voiding any earlier one of the same purpose) to whoever must give it back. */
export async function issueCode(tx: Executor, request: RequestRow, purpose: Purpose, now: Date): Promise<void> {
  await bindCredential(tx, { privacyRequest: request.id });
  const [sent] = await tx
    .select({ n: count() })
    .from(privacyRequestCodes)
    .where(and(eq(privacyRequestCodes.requestId, request.id), eq(privacyRequestCodes.purpose, purpose)));
  if (Number(sent?.n ?? 0) >= MAX_CODES) throw invalid(TOO_MANY_CODES);
  await tx
    .update(privacyRequestCodes)
    .set({ voidedAt: now })
    .where(
      and(
        eq(privacyRequestCodes.requestId, request.id),
        eq(privacyRequestCodes.purpose, purpose),
        isNull(privacyRequestCodes.usedAt),
        isNull(privacyRequestCodes.voidedAt),
      ),
    );
  const id = randomUUID();
  const code = sixDigitCode();
  await tx.insert(privacyRequestCodes).values({
    id,
    requestId: request.id,
    purpose,
    codeHash: hashCode(id, code),
    expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
  });
  const ref = { ref: request.ref, kind: request.kind };
  if (purpose === 'requester') {
    const to = request.agentEmail ?? request.subjectEmail;
    await queueEmail(tx, { to, ...codeEmail(ref, code, `${appOrigin()}/privacy/request/${request.id}`) });
  } else {
    const link = `${appOrigin()}/privacy/request/${request.id}/confirm`;
    // Nothing the agent typed (their name, the permission text) goes into this email: the person reads it in the
    // portal.
    await queueEmail(tx, { to: request.subjectEmail, ...subjectConfirmationEmail(ref, code, link) });
  }
}

/** The account an email belongs to, unless erased. */
export async function matchSubject(tx: Executor, email: string): Promise<string | null> {
  await bindCredential(tx, { email });
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(sql`lower(${users.email})`, email.toLowerCase()),
        sql`not exists (select 1 from ${privacyFlags} f where f.user_id = ${users.id} and f.flag = 'erased')`,
      ),
    );
  return row?.id ?? null;
}

/**
 * Verified (and, for an agent, confirmed by the person): the request joins the queue and is acknowledged. An
 * unverified one (an opt-out or limit from the public form) is not linked to the account its email may match:
 * anyone could have typed it (issue 12, finding 4).
 */
export async function becomeReceived(
  tx: Executor,
  request: RequestRow,
  now: Date,
  options: { linkAccount?: boolean } = {},
): Promise<void> {
  const link = options.linkAccount ?? true;
  await bindCredential(tx, { privacyRequest: request.id });
  const subjectUserId = request.subjectUserId ?? (link ? await matchSubject(tx, request.subjectEmail) : null);
  await tx
    .update(privacyRequests)
    .set({ status: 'received', subjectUserId, acknowledgedAt: now, updatedAt: now })
    .where(eq(privacyRequests.id, request.id));
  const ack = acknowledgementEmail({ ref: request.ref, kind: request.kind }, parseDay(request.dueOn));
  await queueEmail(tx, { to: request.subjectEmail, ...ack });
  if (request.agentEmail) await queueEmail(tx, { to: request.agentEmail, ...ack });
}

export type VerificationStage = 'verify' | 'await_subject' | 'verified';

export const stageOf = (
  r: Pick<RequestRow, 'status' | 'verifiedAt' | 'agentEmail' | 'subjectConfirmedAt'>,
): VerificationStage => {
  if (r.status !== 'verifying') return 'verified';
  if (!r.verifiedAt) return 'verify';
  return r.agentEmail && !r.subjectConfirmedAt ? 'await_subject' : 'verified';
};

export const expectedStage: Record<Purpose, VerificationStage> = { requester: 'verify', subject: 'await_subject' };

import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { privacyFlags, privacyRequestCodes, privacyRequests, users } from '@/db/schema';
import { invalid } from '@/lib/errors';
import { parseDay } from '@/lib/privacy/clocks';
import { acknowledgementEmail, codeEmail, subjectConfirmationEmail } from '@/lib/privacy/emails';
import {
  CODE_EXPIRED,
  CODE_VOID,
  NO_LIVE_CODE,
  NOT_VERIFIABLE,
  REQUESTS_LIMITED,
  TOO_MANY_CODES,
  wrongCode,
} from '@/lib/privacy/messages';
import { hashCode, maskEmail, sixDigitCode } from '@/lib/privacy/secrets';
import type { RequestKind, RequestStatus } from '@/lib/privacy/vocabulary';
import type { RequestMeta } from '../audit';
import { chargeIntake } from './intake-limits';
import { withActor } from '../transaction';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';

export const CODE_MINUTES = 10;
export const CODE_TRIES = 3;
/** Codes per request and purpose, first one included: enough for honest mistakes, not for mail-bombing. */
export const MAX_CODES = 5;

type Purpose = 'requester' | 'subject';
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

const expectedStage: Record<Purpose, VerificationStage> = { requester: 'verify', subject: 'await_subject' };

export type RequestProgress = {
  id: string;
  ref: number;
  kind: RequestKind;
  status: RequestStatus;
  stage: VerificationStage;
  /** Where the current code went, masked. */
  sentTo: string;
  dueOn: string;
  agent: boolean;
};

/** What the public verification pages show: the stage and a masked address, nothing else. */
export async function getRequestProgress(requestId: string): Promise<RequestProgress | null> {
  const [r] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { privacyRequest: requestId });
    return tx.select().from(privacyRequests).where(eq(privacyRequests.id, requestId));
  });
  if (!r) return null;
  const stage = stageOf(r);
  const to = stage === 'await_subject' ? r.subjectEmail : (r.agentEmail ?? r.subjectEmail);
  return {
    id: r.id,
    ref: r.ref,
    kind: r.kind,
    status: r.status,
    stage,
    sentTo: maskEmail(to),
    dueOn: r.dueOn,
    agent: r.agentEmail !== null,
  };
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Checks a code. A wrong one costs a try (three, then the code is void); an expired one is void. The try is
 * counted and audited even though the answer is a refusal (`deny` commits, then throws).
 */
export async function verifyRequestCode(
  input: { requestId: string; code: string; purpose: Purpose; agentMayReceive?: boolean },
  meta: RequestMeta,
  now = new Date(),
): Promise<VerificationStage> {
  return withActor(
    null,
    async ({ tx, audit, deny }) => {
      await bindCredential(tx, { privacyRequest: input.requestId });
      const [request] = await tx
        .select()
        .from(privacyRequests)
        .where(eq(privacyRequests.id, input.requestId))
        .for('update');
      if (!request || stageOf(request) !== expectedStage[input.purpose]) throw invalid(NOT_VERIFIABLE);
      const where = { targetType: 'privacy_request', targetId: request.id } as const;
      const event = { actorId: null, ...where, meta };
      const action = input.purpose === 'requester' ? 'privacy.request_verify' : 'privacy.request_subject_confirm';
      const [challenge] = await tx
        .select()
        .from(privacyRequestCodes)
        .where(
          and(
            eq(privacyRequestCodes.requestId, request.id),
            eq(privacyRequestCodes.purpose, input.purpose),
            isNull(privacyRequestCodes.usedAt),
            isNull(privacyRequestCodes.voidedAt),
          ),
        )
        .orderBy(desc(privacyRequestCodes.createdAt))
        .limit(1)
        .for('update');
      if (!challenge)
        return deny(
          { ...where, action, reason: 'no_live_code' },
          invalid(NO_LIVE_CODE, { code: ['Ask for a new code.'] }),
        );
      if (challenge.expiresAt <= now) {
        await tx.update(privacyRequestCodes).set({ voidedAt: now }).where(eq(privacyRequestCodes.id, challenge.id));
        return deny({ ...where, action, reason: 'code_expired' }, invalid(CODE_EXPIRED, { code: ['Expired.'] }));
      }
      if (!same(hashCode(challenge.id, input.code), challenge.codeHash)) {
        const attempts = challenge.attempts + 1;
        const left = CODE_TRIES - attempts;
        await tx
          .update(privacyRequestCodes)
          .set({ attempts, voidedAt: left <= 0 ? now : null })
          .where(eq(privacyRequestCodes.id, challenge.id));
        const message = left <= 0 ? CODE_VOID : wrongCode(left);
        return deny(
          { ...where, action, reason: left <= 0 ? 'code_void_after_tries' : 'wrong_code' },
          invalid(message, { code: [message] }),
        );
      }
      await tx.update(privacyRequestCodes).set({ usedAt: now }).where(eq(privacyRequestCodes.id, challenge.id));
      audit({ ...event, action, outcome: 'allowed' });
      if (input.purpose === 'requester') {
        const verified = { ...request, verifiedAt: now, verificationMethod: 'email_code' as const };
        await tx
          .update(privacyRequests)
          .set({ verifiedAt: now, verificationMethod: 'email_code', updatedAt: now })
          .where(eq(privacyRequests.id, request.id));
        if (request.agentEmail) {
          await issueCode(tx, verified, 'subject', now);
          return 'await_subject';
        }
        await becomeReceived(tx, verified, now);
        return 'verified';
      }
      const agentMayReceive = input.agentMayReceive ?? false;
      await tx
        .update(privacyRequests)
        .set({ subjectConfirmedAt: now, agentMayReceive, updatedAt: now })
        .where(eq(privacyRequests.id, request.id));
      await becomeReceived(tx, { ...request, subjectConfirmedAt: now, agentMayReceive }, now);
      return 'verified';
    },
    { meta, now },
  );
}

/** A new code for the current stage; the old one stops working. */
export async function resendRequestCode(
  input: { requestId: string; purpose: Purpose },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await withActor(null, async ({ tx, audit }) => {
    await bindCredential(tx, { privacyRequest: input.requestId });
    const [request] = await tx
      .select()
      .from(privacyRequests)
      .where(eq(privacyRequests.id, input.requestId))
      .for('update');
    if (!request || stageOf(request) !== expectedStage[input.purpose]) throw invalid(NOT_VERIFIABLE);
    // A new code is an email to someone: charged to the same hourly bounds as a new request.
    const to = input.purpose === 'subject' ? request.subjectEmail : (request.agentEmail ?? request.subjectEmail);
    if (!(await chargeIntake(tx, [to], meta.ip, now))) throw invalid(REQUESTS_LIMITED);
    await issueCode(tx, request, input.purpose, now);
    audit({
      actorId: null,
      action: 'privacy.request_code_resent',
      targetType: 'privacy_request',
      targetId: request.id,
      outcome: 'allowed',
      details: { purpose: input.purpose },
      meta,
    });
  });
}

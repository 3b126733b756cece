import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { privacyRequestCodes, privacyRequests } from '@/db/schema';
import { invalid } from '@/lib/errors';
import { CODE_EXPIRED, CODE_VOID, NO_LIVE_CODE, NOT_VERIFIABLE, wrongCode } from '@/lib/privacy/messages';
import { hashCode } from '@/lib/privacy/secrets';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import {
  CODE_TRIES,
  type Purpose,
  type VerificationStage,
  becomeReceived,
  expectedStage,
  issueCode,
  stageOf,
} from './verification-facts';

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

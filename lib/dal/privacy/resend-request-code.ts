import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { eq } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import { invalid } from '@/lib/errors';
import { NOT_VERIFIABLE, REQUESTS_LIMITED } from '@/lib/privacy/messages';
import type { RequestMeta } from '../audit';
import { chargeIntake } from './intake-limits';
import { withActor } from '../transaction';
import { type Purpose, expectedStage, issueCode, stageOf } from './verification-facts';

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

import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { eq } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import { maskEmail } from '@/lib/privacy/secrets';
import type { RequestKind, RequestStatus } from '@/lib/privacy/vocabulary';
import { withActor } from '../transaction';
import { type VerificationStage, stageOf } from './verification-facts';

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

import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import { REQUESTS_LIMITED, TOO_MANY_PENDING } from '@/lib/privacy/messages';
import { needsVerification, type Residence } from '@/lib/privacy/vocabulary';
import type { PublicRequestInput } from '@/lib/validations/privacy';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { chargeIntake, findWaitingRequest } from './intake-limits';
import { becomeReceived, issueCode } from './verification-facts';
import { clockColumns } from './request-clock';

/** At most this many public requests per email may wait for their code within the window. */
const MAX_PENDING_PER_EMAIL = 3;
const PENDING_WINDOW_MS = 3_600_000;

/**
 * A request from the public form. It waits for the emailed code unless it only reduces processing (opt-out,
 * limit-sensitive); an agent's request also waits for the person's own confirmation. The answer is the same
 * whether or not the email belongs to an account.
 *
 * Anyone can type anyone's email, so (issue 12, finding 4): each email and each client address may file only
 * a few an hour (one calm refusal past that, the same for every email); a repeat of a request still waiting is
 * merged into it, with no new entry and no new email; and an opt-out or limit, taken without a code as the law
 * asks, is not linked to the account the email may belong to: it waits in the queue as typed, and only the
 * administrator completing it applies it to an account (lib/dal/privacy/complete.ts).
 */
export async function submitPublicRequest(
  input: PublicRequestInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ requestId: string; needsCode: boolean }> {
  const kind = input.kind;
  const agent = input.filer === 'agent';
  const needsCode = agent || needsVerification(kind);
  return withActor(null, async ({ tx, audit }) => {
    const event = { actorId: null, action: 'privacy.request_received', targetType: 'privacy_request', meta } as const;
    // The database shows this form only the requests filed for the email typed (and, once filed, the new one).
    await bindCredential(tx, { email: input.email });
    // Past the limit nothing is written, not even an audit event: a flood must not grow any table.
    if (!(await chargeIntake(tx, [input.email, ...(agent ? [input.agentEmail!] : [])], meta.ip, now)))
      throw invalid(REQUESTS_LIMITED);
    const waiting = await findWaitingRequest(
      tx,
      { email: input.email, kind, agentEmail: agent ? input.agentEmail! : null, needsCode },
      now,
    );
    if (waiting) {
      audit({
        ...event,
        targetId: waiting.id,
        outcome: 'allowed',
        details: { kind, channel: 'public', agent, merged: true },
      });
      return { requestId: waiting.id, needsCode };
    }
    if (needsCode) {
      // Each request allows a few guesses at its codes; capping the requests waiting for a code per email keeps
      // anyone from multiplying those guesses (an "agent" guessing the person's own confirmation code).
      const [pending] = await tx
        .select({ n: count() })
        .from(privacyRequests)
        .where(
          and(
            eq(sql`lower(${privacyRequests.subjectEmail})`, input.email.trim().toLowerCase()),
            eq(privacyRequests.status, 'verifying'),
            gt(privacyRequests.receivedAt, new Date(now.getTime() - PENDING_WINDOW_MS)),
          ),
        );
      if (Number(pending?.n ?? 0) >= MAX_PENDING_PER_EMAIL) throw invalid(TOO_MANY_PENDING);
    }
    const [request] = await tx
      .insert(privacyRequests)
      .values({
        kind,
        ...clockColumns(kind, input.residence as Residence, now),
        status: needsCode ? 'verifying' : 'received',
        channel: 'public',
        subjectName: input.name,
        subjectEmail: input.email,
        details: input.details ?? null,
        agentName: agent ? input.agentName! : null,
        agentEmail: agent ? input.agentEmail! : null,
        agentPermissionText: agent ? input.agentPermission! : null,
        agentPermissionSha256: agent ? sha256Hex(input.agentPermission!) : null,
        agentSignedAt: agent ? now : null,
        verificationMethod: needsCode ? null : 'not_required',
        verifiedAt: needsCode ? null : now,
      })
      .returning();
    if (needsCode) await issueCode(tx, request!, 'requester', now);
    else await becomeReceived(tx, request!, now, { linkAccount: false });
    audit({
      ...event,
      targetId: request!.id,
      outcome: 'allowed',
      details: { kind, jurisdiction: request!.jurisdiction, channel: 'public', agent, dueOn: request!.dueOn },
    });
    return { requestId: request!.id, needsCode };
  });
}

import 'server-only';
import { eq } from 'drizzle-orm';
import { privacyRequests, userPasswords, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { verifyPassword } from '@/lib/crypto/password';
import { WRONG_CREDENTIAL } from '@/lib/auth/messages';
import { invalid } from '@/lib/errors';
import type { RequestKind, Residence } from '@/lib/privacy/vocabulary';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { becomeReceived } from './verification-facts';
import { clockColumns } from './request-clock';

/** A signed-in person's own request: their password, entered again, is the verification. */
export async function submitAccountRequest(
  actor: Actor,
  input: { kind: RequestKind; residence: Residence; details?: string | undefined; password: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ requestId: string; ref: number; dueOn: string }> {
  const [person] = await withActor(actor, ({ tx }) =>
    tx
      .select({ name: users.name, email: users.email, passwordHash: userPasswords.passwordHash })
      .from(users)
      .leftJoin(userPasswords, eq(userPasswords.userId, users.id))
      .where(eq(users.id, actor.id)),
  );
  const passwordOk = await verifyPassword(person?.passwordHash ?? null, input.password);
  return withActor(
    actor,
    async ({ tx, audit, deny }) => {
      const event = {
        actorId: actor.id,
        action: 'privacy.request_received',
        targetType: 'user',
        targetId: actor.id,
        meta,
      } as const;
      if (!person || !passwordOk)
        return deny(
          { action: 'privacy.request_received', targetType: 'user', targetId: actor.id, reason: 'bad_password' },
          invalid(WRONG_CREDENTIAL, { password: [WRONG_CREDENTIAL] }),
        );
      const [request] = await tx
        .insert(privacyRequests)
        .values({
          kind: input.kind,
          ...clockColumns(input.kind, input.residence, now),
          status: 'verifying',
          channel: 'account',
          subjectUserId: actor.id,
          subjectName: person.name,
          subjectEmail: person.email,
          details: input.details ?? null,
          verificationMethod: 'password',
          verifiedAt: now,
        })
        .returning();
      await becomeReceived(tx, request!, now);
      audit({
        ...event,
        targetType: 'privacy_request',
        targetId: request!.id,
        outcome: 'allowed',
        details: { kind: input.kind, jurisdiction: request!.jurisdiction, channel: 'account', dueOn: request!.dueOn },
      });
      return { requestId: request!.id, ref: request!.ref, dueOn: request!.dueOn };
    },
    { meta, now },
  );
}

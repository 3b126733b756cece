import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { clientAccounts, invitations, users } from '@/db/schema';
import type { Actor, UserRole } from '@/lib/authz';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { isSuppressed } from '../privacy/suppression';
import { withActor } from '../transaction';

export const INVITATION_DAYS = 7;

const invitationEmail = (input: { email: string; name: string }, link: string) => ({
  to: input.email,
  subject: 'Your invitation to Clearance',
  text: [
    `Hello ${input.name},`,
    '',
    'MM Group has invited you to Clearance, its confidentiality portal. Open this link within',
    `${INVITATION_DAYS} days to set your password; it works once:`,
    '',
    link,
    '',
    'If you did not expect this invitation, ignore this email.',
  ].join('\n'),
});

export type InviteInput = { email: string; name: string; role: UserRole; clientAccountId?: string | undefined };

/**
 * Creates a single-use invitation and returns its token; only the token's hash is stored. `suppressed`: the
 * address belongs to someone whose data was erased on request (lib/dal/privacy/suppression.ts), so the admin
 * is warned before passing the link on.
 */
export async function inviteUser(
  actor: Actor,
  input: InviteInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ token: string; suppressed: boolean }> {
  assertAllowed(actor, 'user.invite');
  if (input.role === 'client' && !input.clientAccountId) {
    throw invalid('A client user belongs to a client account: choose one.', {
      clientAccountId: ['Choose the client account.'],
    });
  }
  return withActor(
    actor,
    async ({ tx, audit }) => {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
      if (existing)
        throw invalid('Someone with this email already has an account.', { email: ['Already has an account.'] });
      if (input.clientAccountId) {
        const [account] = await tx
          .select({ id: clientAccounts.id })
          .from(clientAccounts)
          .where(eq(clientAccounts.id, input.clientAccountId));
        if (!account)
          throw invalid('That client account does not exist.', {
            clientAccountId: ['Choose an existing client account.'],
          });
      }
      const suppressed = await isSuppressed(tx, input.email);
      const token = randomToken();
      const [row] = await tx
        .insert(invitations)
        .values({
          email: input.email,
          name: input.name,
          role: input.role,
          clientAccountId: input.role === 'client' ? (input.clientAccountId ?? null) : null,
          tokenHash: sha256Hex(token),
          invitedBy: actor.id,
          expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
        })
        .returning({ id: invitations.id });
      // Emailed like every other link (the outbox, sent once this commits); someone erased at their own request is
      // not written to: the admin decides, after checking with them, whether to pass the link on.
      if (!suppressed) await queueEmail(tx, invitationEmail(input, `${appOrigin()}/invite/${token}`));
      audit({
        actorId: actor.id,
        action: 'user.invite',
        targetType: 'invitation',
        targetId: row!.id,
        outcome: 'allowed',
        details: { role: input.role, emailed: !suppressed, ...(suppressed ? { suppressed } : {}) },
        meta,
      });
      return { token, suppressed };
    },
    { meta, now },
  );
}

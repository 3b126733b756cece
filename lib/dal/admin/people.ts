import 'server-only';
import { and, asc, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { clientAccounts, invitations, sessions, users } from '@/db/schema';
import type { Actor, UserRole } from '@/lib/authz';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import { invalid, notFoundError } from '@/lib/errors';
import type { Page } from '@/lib/list-query';
import type { peopleListSchema } from '@/lib/validations/lists';
import type { z } from 'zod';
import { keyset, searchWhere, type SortKey } from '../list-page';
import type { RequestMeta } from '../audit';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';
import { isSuppressed } from '../privacy/suppression';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';
import { clientLabelSql } from './labels';

export const INVITATION_DAYS = 7;

export type PersonRow = {
  id: string;
  label: string;
  email: string | null;
  role: UserRole;
  disabled: boolean;
  createdAt: Date;
};

/**
 * Everyone with an account. Client users appear by their account's codename, without their email (an address
 * names the person as surely as a name does): real names and addresses live on the client pages.
 */
export async function listPeople(actor: Actor): Promise<PersonRow[]> {
  assertAllowed(actor, 'user.disable');
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: users.id,
        label: sql<string>`case when ${users.role} = 'client' then ${clientLabelSql(sql`${users.id}`)} else ${users.name} end`,
        email: sql<string | null>`case when ${users.role} = 'client' then null else ${users.email} end`,
        role: users.role,
        disabledAt: users.disabledAt,
        createdAt: users.createdAt,
      })
      .from(users)
      .orderBy(asc(users.role), asc(users.email)),
  );
  return rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null }));
}

const personLabelSql = sql<string>`case when ${users.role} = 'client' then ${clientLabelSql(sql`${users.id}`)} else ${users.name} end`;
const personEmailSql = sql<string | null>`case when ${users.role} = 'client' then null else ${users.email} end`;

/**
 * One page of people (issue 16): searched by what the list shows (a client user by their account's codename,
 * never their name or address), sorted and paged in SQL.
 */
export async function searchPeople(actor: Actor, params: z.output<typeof peopleListSchema>): Promise<Page<PersonRow>> {
  assertAllowed(actor, 'user.disable');
  const sorts: Record<typeof params.sort, SortKey> = {
    name: { expr: sql`lower(${personLabelSql})`, type: 'text' },
    email: { expr: sql`lower(coalesce(${personEmailSql}, ''))`, type: 'text' },
    role: { expr: sql`${users.role}::text`, type: 'text' },
    created: { expr: sql`${users.createdAt}`, type: 'timestamptz' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${users.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: users.id,
        label: personLabelSql,
        email: personEmailSql,
        role: users.role,
        disabledAt: users.disabledAt,
        createdAt: users.createdAt,
        ...page.columns,
      })
      .from(users)
      .where(
        and(
          searchWhere(params.q, [personLabelSql, personEmailSql]),
          params.role ? eq(users.role, params.role) : undefined,
          params.status === 'disabled'
            ? sql`${users.disabledAt} is not null`
            : params.status === 'active'
              ? isNull(users.disabledAt)
              : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  const result = page.page(rows);
  return { ...result, rows: result.rows.map(({ disabledAt, ...r }) => ({ ...r, disabled: disabledAt !== null })) };
}

export type PendingInvitation = { id: string; email: string; role: UserRole; expiresAt: Date };

export async function listPendingInvitations(actor: Actor, now = new Date()): Promise<PendingInvitation[]> {
  assertAllowed(actor, 'user.invite');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
      .orderBy(desc(invitations.createdAt)),
  );
}

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
  return withActor(actor, async ({ tx, audit }) => {
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
  });
}

export async function setUserDisabled(
  actor: Actor,
  input: { userId: string; disabled: boolean },
  meta: RequestMeta,
): Promise<void> {
  assertAllowed(actor, 'user.disable');
  if (input.userId === actor.id) throw invalid('You cannot disable your own account.');
  await withActor(actor, async ({ tx, audit }) => {
    const [user] = await tx
      .update(users)
      .set({ disabledAt: input.disabled ? new Date() : null, updatedAt: new Date() })
      .where(eq(users.id, input.userId))
      .returning({ id: users.id });
    if (!user) throw notFoundError();
    // Disabling ends every session at once; the session check refuses disabled users anyway.
    if (input.disabled)
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
    audit({
      actorId: actor.id,
      action: input.disabled ? 'user.disable' : 'user.enable',
      targetType: 'user',
      targetId: user.id,
      outcome: 'allowed',
      meta,
    });
  });
}

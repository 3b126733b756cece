/** Helpers for privacy-operation tests: codes and links read back from the outbox, request rows, audit lookups. */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents, outboxEmails, privacyRequests } from '@/db/schema';
import type { RequestMeta } from '@/lib/dal/audit';
import { openSession } from '@/lib/dal/account/open-session';
import { withActor } from '@/lib/dal/transaction';
import type { PublicRequestInput } from '@/lib/validations/privacy';
import { opened } from './outbox';

export const publicRequest = (overrides: Partial<PublicRequestInput> = {}): PublicRequestInput => ({
  kind: 'access',
  residence: 'eea',
  name: 'Pia Public',
  email: 'pia.public@example.test',
  details: undefined,
  filer: 'self',
  agentName: undefined,
  agentEmail: undefined,
  agentPermission: undefined,
  agentSignature: undefined,
  ...overrides,
});

/** The newest email sent to an address. */
export async function lastEmailTo(db: Db, to: string) {
  const [row] = opened(
    await db
      .select()
      .from(outboxEmails)
      .where(eq(sql`lower(${outboxEmails.to})`, to.toLowerCase()))
      .orderBy(desc(outboxEmails.createdAt), desc(outboxEmails.id))
      .limit(1),
  );
  return row ?? null;
}

export async function emailsTo(db: Db, to: string) {
  return opened(
    await db
      .select()
      .from(outboxEmails)
      .where(eq(sql`lower(${outboxEmails.to})`, to.toLowerCase()))
      .orderBy(asc(outboxEmails.createdAt)),
  );
}

/** The six-digit code in the newest email to an address. */
export async function codeSentTo(db: Db, to: string): Promise<string> {
  const email = await lastEmailTo(db, to);
  const code = email?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code emailed to ${to}`);
  return code;
}

export async function linkSentTo(db: Db, to: string, pattern: RegExp): Promise<string> {
  const emails = await emailsTo(db, to);
  for (const email of emails.reverse()) {
    const match = email.text.match(pattern);
    if (match) return match[0];
  }
  throw new Error(`no link ${pattern} emailed to ${to}`);
}

export async function requestRow(db: Db, id: string) {
  const [row] = await db.select().from(privacyRequests).where(eq(privacyRequests.id, id));
  if (!row) throw new Error(`no request ${id}`);
  return row;
}

export async function auditFor(db: Db, targetId: string, action?: string) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, targetId), action ? eq(auditEvents.action, action) : undefined))
    .orderBy(asc(auditEvents.seq));
}

/** A code that is certainly not the one sent. */
export const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** A sign-in as the data-access layer records one: a session row and its audit event. */
export async function signInAs(userId: string, meta: RequestMeta): Promise<void> {
  // As the account itself: the database opens a session only for the account a transaction acts for (or whose open
  // sign-in challenge it holds).
  await withActor({ id: userId, role: 'staff', disabled: false, clientAccountIds: [] }, async ({ tx, audit }) => {
    await openSession(tx, userId, meta, new Date());
    audit({ actorId: userId, action: 'auth.sign_in', targetType: 'user', targetId: userId, outcome: 'allowed', meta });
  });
}

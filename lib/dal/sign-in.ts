import 'server-only';
import { bindCredential } from './auth/bind-credential';
import { and, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { signInChallenges, userPasswords, users } from '@/db/schema';
import { requiresTwoFactor, type UserRole } from '@/lib/authz';
import { verifyPassword } from '@/lib/crypto/password';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import type { AuditEntry, RequestMeta } from './audit';
import { openSession } from './credentials';
import { createPendingSecret, hasActiveSecret } from './second-factor';
import { reserveAttempt, settleAttempt, throttleKeys, type Settlement } from './throttle';
import { withActor } from './transaction';

/*
 * Signing in, in steps that open no session until the last:
 *   1. beginSignIn: email and password (throttled). A correct password yields a sign-in challenge, a random
 *      token the browser keeps in an httpOnly cookie (only its hash is stored), valid five minutes. It is
 *      already verified when the account needs no second factor.
 *   2. verifySignInCode (or confirmSignInEnrolment, lib/dal/sign-in-enrolment.ts): the second factor
 *      verifies the challenge; a few wrong codes end it.
 *   3. completeSignIn, called by Auth.js authorize(): consumes a verified challenge and opens the session.
 */

export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_MAX_ATTEMPTS = 5;

export type SecondFactorStep = 'none' | 'verify' | 'enrol';
export type PasswordStep =
  { ok: false; locked: boolean; delayMs: number } | { ok: true; token: string; secondFactor: SecondFactorStep };

type Audit = (entry: AuditEntry) => void;

/** Audits the locks a settlement started. */
export function auditLockouts(audit: Audit, settlement: Settlement, userId: string | null, meta: RequestMeta): void {
  for (const scope of settlement.lockedScopes) {
    audit({
      actorId: userId,
      action: 'auth.lockout',
      targetType: 'user',
      targetId: userId,
      outcome: 'denied',
      reason: 'too_many_failures',
      details: { scope },
      meta,
    });
  }
}

async function findAccount(email: string) {
  const [account] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { email });
    return tx
      .select({
        id: users.id,
        role: users.role,
        passwordHash: userPasswords.passwordHash,
        disabledAt: users.disabledAt,
      })
      .from(users)
      .leftJoin(userPasswords, eq(userPasswords.userId, users.id))
      .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  });
  return account ?? null;
}

/**
 * Step 1. Any failure is one answer, whether the account is unknown, disabled or the password wrong (the
 * audit log keeps the real reason); unknown addresses are throttled exactly like real ones.
 */
export async function beginSignIn(
  email: string,
  password: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<PasswordStep> {
  const keys = throttleKeys(email, meta.ip);
  const account = await findAccount(email);
  const actorId = account?.id ?? null;
  const { allowed } = await withActor(null, async ({ tx, audit }) => {
    await bindCredential(tx, { email });
    const reserved = await reserveAttempt(tx, keys, now);
    if (!reserved.allowed)
      audit({
        actorId,
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: actorId,
        outcome: 'denied',
        reason: 'locked',
        meta,
      });
    return reserved;
  });
  if (!allowed) return { ok: false, locked: true, delayMs: 0 };

  // Checked outside any transaction: argon2 takes a while and must not hold the counters' row locks.
  const passwordOk = await verifyPassword(account?.passwordHash ?? null, password);
  let reason: string | null = !account
    ? 'unknown_account'
    : !account.passwordHash
      ? 'no_password'
      : account.disabledAt
        ? 'disabled'
        : !passwordOk
          ? 'bad_password'
          : null;

  return withActor(null, async ({ tx, audit }) => {
    await bindCredential(tx, { email });
    // The check counts only for the hash it checked: a reset or change that committed while argon2 ran (and
    // ended every challenge then open) must not be followed by a challenge made with the old password. The
    // row lock orders this step against such a change.
    const [current] =
      account && !reason
        ? await tx
            .select({ passwordHash: userPasswords.passwordHash, disabledAt: users.disabledAt })
            .from(users)
            .leftJoin(userPasswords, eq(userPasswords.userId, users.id))
            .where(eq(users.id, account.id))
            .for('update', { of: users })
        : [];
    if (account && !reason && (current?.passwordHash !== account.passwordHash || current?.disabledAt))
      reason = 'password_changed';
    if (!account || reason) {
      const settlement = await settleAttempt(tx, keys, 'failure', now);
      audit({
        actorId,
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: actorId,
        outcome: 'denied',
        reason,
        meta,
      });
      auditLockouts(audit, settlement, actorId, meta);
      return { ok: false, locked: settlement.lockedScopes.length > 0, delayMs: settlement.delayMs };
    }
    const secondFactor: SecondFactorStep = (await hasActiveSecret(tx, account.id))
      ? 'verify'
      : requiresTwoFactor(account.role as UserRole)
        ? 'enrol'
        : 'none';
    // The account counter is cleared only by a completed sign-in: a known password alone does not reset
    // the count of wrong codes.
    await settleAttempt(tx, keys, secondFactor === 'none' ? 'reset' : 'success', now);
    if (secondFactor === 'enrol') await createPendingSecret(tx, account.id);
    const token = randomToken();
    await tx.insert(signInChallenges).values({
      tokenHash: sha256Hex(token),
      userId: account.id,
      secondFactor,
      verifiedAt: secondFactor === 'none' ? now : null,
      method: secondFactor === 'none' ? 'none' : null,
      expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      createdAt: now,
    });
    audit({
      actorId,
      action: 'auth.password_verified',
      targetType: 'user',
      targetId: actorId,
      outcome: 'allowed',
      details: { next: secondFactor },
      meta,
    });
    return { ok: true, token, secondFactor };
  });
}

/** An open challenge by token, locked for update: unexpired, not consumed, in the given step. */
export async function openChallenge(tx: Tx, token: string, step: 'verify' | 'enrol', now: Date) {
  await bindCredential(tx, { credential: sha256Hex(token) });
  const [row] = await tx
    .select({
      id: signInChallenges.id,
      userId: signInChallenges.userId,
      attempts: signInChallenges.attempts,
      email: users.email,
    })
    .from(signInChallenges)
    .innerJoin(users, eq(users.id, signInChallenges.userId))
    .where(
      and(
        eq(signInChallenges.tokenHash, sha256Hex(token)),
        eq(signInChallenges.secondFactor, step),
        isNull(signInChallenges.verifiedAt),
        isNull(signInChallenges.consumedAt),
        gt(signInChallenges.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .for('update', { of: signInChallenges });
  return row ?? null;
}

/** Where a challenge stands: awaiting a code, awaiting enrolment, ready for a session, or gone. */
export async function challengeStage(token: string, now = new Date()): Promise<SecondFactorStep | 'ready' | null> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { credential: sha256Hex(token) });
    return tx
      .select({ step: signInChallenges.secondFactor, verifiedAt: signInChallenges.verifiedAt })
      .from(signInChallenges)
      .where(
        and(
          eq(signInChallenges.tokenHash, sha256Hex(token)),
          isNull(signInChallenges.consumedAt),
          gt(signInChallenges.expiresAt, now),
        ),
      );
  });
  if (!row) return null;
  return row.verifiedAt ? 'ready' : row.step;
}

/** Step 3, for Auth.js: a verified challenge becomes a session, once. */
export async function completeSignIn(
  token: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ userId: string; sessionId: string } | null> {
  return withActor(null, async ({ tx, audit }) => {
    await bindCredential(tx, { credential: sha256Hex(token) });
    const [challenge] = await tx
      .select({
        id: signInChallenges.id,
        userId: signInChallenges.userId,
        method: signInChallenges.method,
        role: users.role,
      })
      .from(signInChallenges)
      .innerJoin(users, eq(users.id, signInChallenges.userId))
      .where(
        and(
          eq(signInChallenges.tokenHash, sha256Hex(token)),
          isNotNull(signInChallenges.verifiedAt),
          isNull(signInChallenges.consumedAt),
          gt(signInChallenges.expiresAt, now),
          isNull(users.disabledAt),
        ),
      )
      .for('update', { of: signInChallenges });
    if (!challenge) return null;
    // Defence in depth: an account that must have two-factor gets no session without it.
    if (requiresTwoFactor(challenge.role as UserRole) && !(await hasActiveSecret(tx, challenge.userId))) return null;
    // The session is opened while the challenge is still open: the database lets a transaction with no acting
    // user open a session only for the account whose open challenge it holds.
    const sessionId = await openSession(tx, challenge.userId, meta, now);
    await tx.update(signInChallenges).set({ consumedAt: now }).where(eq(signInChallenges.id, challenge.id));
    const { userId } = challenge;
    audit({
      actorId: userId,
      action: 'auth.sign_in',
      targetType: 'user',
      targetId: userId,
      outcome: 'allowed',
      details: { secondFactor: challenge.method },
      meta,
    });
    return { userId, sessionId };
  });
}

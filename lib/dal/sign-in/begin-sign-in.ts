import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { eq, sql } from 'drizzle-orm';
import { signInChallenges, userPasswords, users } from '@/db/schema';
import { requiresTwoFactor } from '@/lib/authz';
import { verifyPassword } from '@/lib/crypto/password';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import type { RequestMeta } from '@/lib/dal/audit';
import { createPendingSecret, hasActiveSecret } from '@/lib/dal/account/second-factor-secrets';
import { reserveAttempt, settleAttempt, throttleKeys } from './attempt-throttle';
import { withActor } from '@/lib/dal/transaction';
import { CHALLENGE_MINUTES, type SecondFactorStep } from './open-challenge';
import { auditLockouts } from './audit-lockouts';

export type PasswordStep =
  { ok: false; locked: boolean; delayMs: number } | { ok: true; token: string; secondFactor: SecondFactorStep };

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
  const { allowed } = await withActor(null, async ({ tx, refused }) => {
    await bindCredential(tx, { email });
    const reserved = await reserveAttempt(tx, keys, now);
    if (!reserved.allowed)
      refused({
        actorId,
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: actorId,
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

  return withActor(null, async ({ tx, audit, refused }) => {
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
      refused({
        actorId,
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: actorId,
        // Never null here: no account sets 'unknown_account'.
        reason: reason ?? 'unknown_account',
        meta,
      });
      auditLockouts(refused, settlement, actorId, meta);
      return { ok: false, locked: settlement.lockedScopes.length > 0, delayMs: settlement.delayMs };
    }
    const secondFactor: SecondFactorStep = (await hasActiveSecret(tx, account.id))
      ? 'verify'
      : requiresTwoFactor(account.role)
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

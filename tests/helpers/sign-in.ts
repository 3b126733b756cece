/**
 * Signing in from DAL tests: through every step (password, second factor, session), or, for tests about
 * something else, straight to a session for a known user.
 */
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/schema';
import { DEMO_PASSWORD_DEFAULT, demoTotpSecret } from '@/db/seed/demo-world';
import { totpCodeAt } from '@/lib/auth/totp';
import type { RequestMeta } from '@/lib/dal/audit';
import { openSession } from '@/lib/dal/account/open-session';
import { completeSignIn } from '@/lib/dal/sign-in/complete-sign-in';
import { beginSignIn } from '@/lib/dal/sign-in/begin-sign-in';
import { verifySignInCode } from '@/lib/dal/sign-in/verify-sign-in-code';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { withActor } from '@/lib/dal/transaction';

let clock = 0;

/**
 * The moment of the next two-factor sign-in: at least 30 seconds after the previous one, because a TOTP code
 * is accepted once per account and time step. Tests pass it as `now` to every step.
 */
export function nextMoment(): Date {
  clock = Math.max(clock + 30_000, Date.now());
  return new Date(clock);
}

/**
 * Email and password, then the TOTP code of `secret` (the demo secret by default) when the account has
 * two-factor. Null when any step refuses, or when the account must first enrol.
 */
export async function signInThroughSteps(
  email: string,
  meta: RequestMeta,
  options: { password?: string; secret?: string; now?: Date } = {},
): Promise<{ userId: string; sessionId: string } | null> {
  const now = options.now ?? nextMoment();
  const step = await beginSignIn(email, options.password ?? DEMO_PASSWORD_DEFAULT, meta, now);
  if (!step.ok || step.secondFactor === 'enrol') return null;
  if (step.secondFactor === 'verify') {
    const verified = await verifySignInCode(step.token, totpCodeAt(options.secret ?? demoTotpSecret(), now), meta, now);
    if (!verified.ok) return null;
  }
  return completeSignIn(step.token, meta, now);
}

/** A session for a user, without the sign-in steps: for tests of what a signed-in user may do. */
export async function openSessionFor(email: string, meta: RequestMeta): Promise<{ userId: string; sessionId: string }> {
  return withActor(null, async ({ tx }) => {
    // As the sign-in step does: the database shows a transaction with no acting user only the account it holds.
    await bindCredential(tx, { email });
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
    if (!user) throw new Error(`no user ${email}`);
    return { userId: user.id, sessionId: await openSession(tx, user.id, meta, new Date()) };
  });
}

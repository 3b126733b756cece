/**
 * What a server action may answer a caller who has no business with it, and how to tell that nothing was
 * written: the rules the direct-call and fuzz tests hold every action to.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { PROFILE_CANARIES } from '@/db/seed/demo-profiles';
import { DEMO_CANARIES, DEMO_PASSWORD_DEFAULT, DEMO_SECRETS } from '@/db/seed/demo-world';
import { EVENT_CANARIES } from '@/db/seed/demo-events';
import * as accountMessages from '@/lib/auth/messages';
import { INVALID_INVITATION } from '@/lib/dal/people/find-open-invitation';
import { NOT_FOUND_MESSAGE } from '@/lib/errors';
import type { Answer, ServerAction } from './action-harness';
import { isPublicRsvpAction, PUBLIC_RSVP_RULES } from './event-action-rules';
import {
  ACCOUNT_PRIVACY_RULES,
  isAccountPrivacyAction,
  isPublicPrivacyAction,
  PUBLIC_PRIVACY_RULES,
} from './privacy-action-rules';
import { isProfileSelfAction, PROFILE_SELF_RULES } from './profile-action-rules';

export const VALIDATION_MESSAGE = 'Please correct the highlighted fields.';

/**
 * The refusals of the account screens (lib/auth/messages.ts), written so that none tells whether an account
 * exists: wrong password, too many attempts, bad or expired code or link. Only RESET_REQUESTED is a success.
 */
const { RESET_REQUESTED, ...accountRefusals } = accountMessages;
const ACCOUNT_REFUSALS: string[] = Object.values(accountRefusals as Record<string, unknown>).filter(
  (v): v is string => typeof v === 'string',
);

/** Counters of failed attempts: a refused sign-in or re-authentication is counted, by design. */
const ATTEMPT_COUNTERS = ['sign_in_throttles'];

export type Rules = {
  /** Answers with ok:false this action may give a refused caller. */
  refusals: readonly string[];
  /** Answers with ok:true it may give anyone (public by design). */
  successes: readonly string[];
  /** Tables it may write for a refused caller, besides the audit log. */
  mayWrite: readonly string[];
  /** Acts on the caller's own account only: rows belonging to the caller may change, and be audited as allowed. */
  selfService: boolean;
  /** Audit actions it may record as allowed for anyone (public by design). */
  auditAllowed: readonly string[];
};

/**
 * What each kind of action may answer someone with no business with it:
 * - every action: "Please correct the highlighted fields." or "Not found." (what a refusal looks like);
 * - the public sign-in screens, app/(auth)/ (sign-in steps, invitation, password reset): also their own
 *   refusals, and they count failed attempts; asking for a reset link always "succeeds" and, for an
 *   existing address, writes the link and its email: that is the feature;
 * - the caller's own account, app/(portal)/account/ and signing out: self-service, so the caller's own rows
 *   (their sessions, their password, their two-factor) may change, and the account refusals apply.
 * Everything else (items, projects, administration, the vault) may answer nothing but the two above.
 */
export function rulesFor(action: ServerAction): Rules {
  const always = [VALIDATION_MESSAGE, NOT_FOUND_MESSAGE];
  if (action.file.startsWith('app/(auth)/')) {
    const reset = action.name === 'forgotPasswordAction';
    return {
      refusals: [...always, ...ACCOUNT_REFUSALS, INVALID_INVITATION],
      successes: reset ? [RESET_REQUESTED] : [],
      mayWrite: [...ATTEMPT_COUNTERS, ...(reset ? ['password_reset_tokens', 'outbox_emails'] : [])],
      selfService: false,
      auditAllowed: reset ? ['auth.password_reset_request'] : [],
    };
  }
  if (isPublicPrivacyAction(action.file)) {
    const { refusals, successes, mayWrite, auditAllowed } = PUBLIC_PRIVACY_RULES;
    return { refusals: [...always, ...refusals], successes, mayWrite, selfService: false, auditAllowed };
  }
  if (isPublicRsvpAction(action.file)) {
    return {
      refusals: [...always, ...PUBLIC_RSVP_RULES.refusals],
      successes: [],
      mayWrite: [],
      selfService: false,
      auditAllowed: [],
    };
  }
  if (action.file.startsWith('app/(portal)/account/') || action.name === 'signOutAction') {
    const privacy = isAccountPrivacyAction(action.file) ? ACCOUNT_PRIVACY_RULES : { successes: [], auditAllowed: [] };
    return {
      refusals: [...always, ...ACCOUNT_REFUSALS],
      successes: privacy.successes,
      mayWrite: ATTEMPT_COUNTERS,
      selfService: true,
      auditAllowed: privacy.auditAllowed,
    };
  }
  if (isProfileSelfAction(action.file)) {
    // One's own profile (issue 14): self-service, like the account pages.
    return {
      refusals: [...always, ...PROFILE_SELF_RULES.refusals],
      successes: PROFILE_SELF_RULES.successes,
      mayWrite: [],
      selfService: true,
      auditAllowed: [],
    };
  }
  return { refusals: always, successes: [], mayWrite: [], selfService: false, auditAllowed: [] };
}

/** Strings no refused caller may ever see: item canaries and secrets, real client names, item titles, the demo password. */
export async function secretsOf(db: Db): Promise<string[]> {
  const titles = rowsOf<{ title: string | null }>(await db.execute(sql`select title from items`)).flatMap((r) =>
    r.title ? [r.title] : [],
  );
  const clients = rowsOf<{ name: string }>(await db.execute(sql`select name from client_accounts`)).map((r) => r.name);
  return [
    ...new Set([
      ...DEMO_CANARIES,
      ...PROFILE_CANARIES,
      ...EVENT_CANARIES,
      ...DEMO_SECRETS,
      'AURORA-PUBLIC-SUMMARY',
      'Nova Reyes',
      'Kai Storm',
      'Lumen Cosmetics',
      ...clients,
      ...titles,
      DEMO_PASSWORD_DEFAULT,
    ]),
  ].filter((s) => s.length >= 6);
}

function serialize(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Why an answer is not acceptable from a refused caller, or null when it is. */
export function judge(action: ServerAction, answer: Answer, secrets: readonly string[]): string | null {
  if (answer.kind === 'error') return 'an unhandled error';
  // The only redirect a refused caller may get: back to sign in.
  if (answer.kind === 'redirect') {
    const to = new URL(answer.to, 'http://localhost').pathname;
    return to === '/sign-in' || (isPublicPrivacyAction(action.file) && PUBLIC_PRIVACY_RULES.redirects.test(to))
      ? null
      : `a redirect to ${answer.to}`;
  }
  const text = serialize(answer.value);
  const leaked = secrets.filter((secret) => text.includes(secret));
  if (leaked.length > 0) return `a leak of ${leaked.join(', ')}`;
  const state = answer.value as { ok?: unknown; message?: unknown; data?: unknown } | null;
  if (typeof state !== 'object' || state === null) return 'not an ActionState';
  const rules = rulesFor(action);
  if (
    state.ok === true &&
    typeof state.message === 'string' &&
    rules.successes.includes(state.message) &&
    state.data === undefined
  )
    return null;
  if (state.ok !== false) return 'success (ok is not false)';
  if (state.data !== undefined) return 'data with a refusal';
  if (typeof state.message !== 'string' || !rules.refusals.includes(state.message))
    return `the unexpected message ${serialize(state.message)}`;
  return null;
}

// ---- Nothing written ----

export type Fingerprint = { tables: Record<string, string>; lastAuditId: number };

async function baseTables(db: Db): Promise<{ name: string; userColumn: string | null }[]> {
  const rows = rowsOf<{ table_name: string; has_user_id: boolean }>(
    await db.execute(sql`select t.table_name, exists (select 1 from information_schema.columns c
        where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'user_id') as has_user_id
      from information_schema.tables t where t.table_schema = 'public' and t.table_type = 'BASE TABLE' order by t.table_name`),
  );
  return rows.map((r) => ({
    name: r.table_name,
    userColumn: r.table_name === 'users' ? 'id' : r.has_user_id ? 'user_id' : null,
  }));
}

/**
 * A checksum of every row of every table but the audit log (a refusal is audited, by design) and `skip`,
 * plus the last audit id. With `ownerId`, rows belonging to that user are left out (self-service actions).
 */
export async function fingerprint(db: Db, ownerId?: string, skip: readonly string[] = []): Promise<Fingerprint> {
  const tables = (await baseTables(db)).filter((t) => t.name !== 'audit_events' && !skip.includes(t.name));
  const parts = tables.map(({ name, userColumn }) => {
    const where =
      ownerId && userColumn ? ` where x.${userColumn}::text is distinct from '${ownerId.replace(/'/g, "''")}'` : '';
    return `select '${name}' as t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, ',' order by x::text)), '') as h from "${name}" x${where}`;
  });
  const rows = rowsOf<{ t: string; h: string }>(await db.execute(sql.raw(parts.join(' union all '))));
  const [audit] = rowsOf<{ id: string | null }>(await db.execute(sql`select max(id)::text as id from audit_events`));
  return { tables: Object.fromEntries(rows.map((r) => [r.t, r.h])), lastAuditId: Number(audit?.id ?? 0) };
}

export const changedTables = (before: Fingerprint, after: Fingerprint): string[] =>
  [...new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])].filter(
    (t) => before.tables[t] !== after.tables[t],
  );

/**
 * Audit events written since `before` that record something other than a refusal, leaving out the caller's
 * acts on their own account (self-service) and the actions public by design.
 */
export async function allowedAuditEventsSince(
  db: Db,
  before: Fingerprint,
  selfId?: string,
  publicActions: readonly string[] = [],
): Promise<string[]> {
  const rows = rowsOf<{ action: string; outcome: string; actor_id: string | null; target_id: string | null }>(
    await db.execute(
      sql`select action, outcome, actor_id::text, target_id::text from audit_events where id > ${before.lastAuditId} and outcome <> 'denied'`,
    ),
  );
  return rows
    .filter((r) => !publicActions.includes(r.action))
    .filter((r) => !(selfId && r.actor_id === selfId && (r.target_id === selfId || r.target_id === null)))
    .map((r) => `${r.action} (${r.outcome})`);
}

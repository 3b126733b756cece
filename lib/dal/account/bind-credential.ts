import 'server-only';
import { sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';

/**
 * What a transaction with no acting user holds in hand, for row-level security (db/sql/rls-credentials.sql):
 * the steps before sign-in (sign-in, two-factor, reset, invitation, the public privacy forms, a session's cookie)
 * see and change only the rows their token, email or request names, never whole tables.
 *
 * - `credential`: the SHA-256 of a bearer token (session, sign-in challenge, reset or invitation link, export link);
 * - `email`: the address typed (sign-in, reset request, privacy intake), normalised;
 * - `privacyRequest`: the id of the public privacy request the page is about;
 * - `browser`: the browser's consent id (its cookie), for its own anonymous cookie choices;
 * - `job`: the scheduled work running (`outbox`, `job_runs`, `retention` finding its administrator), for what only it
 * needs.
 *
 * Transaction-local (set_config(…, true)), like `app.user_id`.
 */
export type Credential = {
  credential?: string;
  email?: string;
  privacyRequest?: string;
  browser?: string;
  job?: 'outbox' | 'job_runs' | 'retention';
};

const SETTINGS = {
  credential: 'app.credential',
  email: 'app.email',
  privacyRequest: 'app.privacy_request',
  browser: 'app.browser',
  job: 'app.job',
} as const;

/** Binds what is given; a key not given keeps its value in this transaction. */
export async function bindCredential(tx: Executor, held: Credential): Promise<void> {
  const parts = (Object.keys(SETTINGS) as (keyof Credential)[])
    .filter((key) => held[key] !== undefined)
    .map(
      (key) =>
        sql`set_config(${SETTINGS[key]}, ${key === 'email' ? held.email!.trim().toLowerCase() : held[key]!}, true)`,
    );
  if (parts.length > 0) await tx.execute(sql`select ${sql.join(parts, sql`, `)}`);
}

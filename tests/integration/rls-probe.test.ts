/**
 * The probe (issue 11, deliverable 8): as the application role, with no acting user and as each demo user, a SELECT
 * of every table and an INSERT, UPDATE and DELETE attempt on every table, each rolled back. Whatever succeeds must be
 * within the allowance declared below for that table; a table with no allowance fails, so a new table is probed too.
 * Raw SQL, no application filter: only row-level security, privileges and triggers stand in the way.
 *
 * - SELECT succeeds when it returns a row; UPDATE (`set c = c` on every row) and DELETE (every row) when they touch
 * one;
 * - INSERT re-inserts a copy of an existing row: refused means row-level security or a privilege said no (42501) or a
 *   trigger refused; a unique, foreign-key or check violation means the policy let it through (so it counts).
 * Same on PGlite and on PostgreSQL (TEST_DATABASE=postgres with DATABASE_URL).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf, type Tx } from '@/db/client';
import { DEMO_PASSWORD_DEFAULT, seedDemoWorld } from '@/db/seed/demo-world';
import { inviteUser } from '@/lib/dal/people/invite-user';
import { recordRunStart } from '@/lib/dal/jobs/job-runs';
import { requestPasswordReset } from '@/lib/dal/account/request-password-reset';
import { recordCookieChoices } from '@/lib/dal/privacy/record-cookie-choices';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { beginSignIn } from '@/lib/dal/sign-in/begin-sign-in';
import { completeSignIn } from '@/lib/dal/sign-in/complete-sign-in';
import { DEMO_KEYS, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { publicRequest } from '../helpers/privacy';

vi.mock('@/auth', () => ({ auth: async () => null }));
// On PostgreSQL, copying and rewriting the demo files' chunks as the probe does can outlast a request's deadline on a
// busy machine: the probe is no request (0 turns a timeout off, db/timeouts.ts).
process.env.CLEARANCE_DB_DEADLINE_MS = '0';
process.env.CLEARANCE_DB_STATEMENT_TIMEOUT_MS = '0';

type Who = DemoKey | 'nobody';
type Command = 'select' | 'insert' | 'update' | 'delete';
/** Who may (at most) do each command on a table; a command left out is allowed to no one. */
type Allowance = Partial<Record<Command, readonly Who[]>>;

const WHO: readonly Who[] = ['nobody', ...DEMO_KEYS];
const COMMANDS: readonly Command[] = ['select', 'insert', 'update', 'delete'];
const everyone: readonly DemoKey[] = DEMO_KEYS;
const admin: readonly DemoKey[] = ['ada'];
const clients: readonly DemoKey[] = ['nova', 'kai', 'brian'];
const agency: readonly DemoKey[] = ['ada', 'sam', 'finn', 'cora', 'nina', 'oscar'];
/** Everyone but Nina (a contractor with no NDA and no project) and Ada (the admin, who reads no content). */
const onProjects: readonly DemoKey[] = ['sam', 'finn', 'cora', 'oscar', 'nova', 'kai', 'brian'];
/** Connected to a client account (a member, or on a project of it, or holding an NDA for it): not Nina. */
const connected: readonly DemoKey[] = ['ada', 'sam', 'finn', 'cora', 'oscar', 'nova', 'kai', 'brian'];
const anyone: readonly Who[] = WHO;
const eventReaders: readonly DemoKey[] = ['ada', 'sam', 'finn', 'cora', 'oscar', 'nova', 'kai'];
const eventStaff: readonly DemoKey[] = ['sam', 'finn', 'cora', 'oscar'];

/**
 * The declared allowance: the most each person may do to each table, as the application role. Per-person tables
 * list everyone because each person reaches their own rows (which rows is the policies' business and other tests':
 * database-wall, policy-sql-agreement, dal-sign-in); this matrix says who may touch a table at all, and above all that
 * nobody (no acting user, nothing in hand: every step before sign-in without its token) touches nothing but the
 * published privacy policy and agency settings. Tables that are empty in the probed world are probed for SELECT,
 * UPDATE and DELETE (nothing to find) but not INSERT (no row to copy).
 */
export const ALLOWANCE: Record<string, Allowance> = {
  // People and sign-in: each their own; an administrator ends sessions, sends invitations, erases.
  users: { select: everyone, insert: admin, update: everyone },
  // Password hashes: each person their own row only (tests/integration/password-hashes.test.ts); an admin erases.
  user_passwords: { select: everyone, insert: everyone, update: everyone, delete: everyone },
  sessions: { select: everyone, insert: everyone, update: everyone, delete: admin },
  sign_in_challenges: { select: everyone, insert: everyone, update: everyone, delete: everyone },
  password_reset_tokens: { select: everyone, insert: everyone, update: everyone, delete: everyone },
  two_factor_secrets: { select: everyone, insert: everyone, update: everyone, delete: everyone },
  recovery_codes: { select: everyone, insert: everyone, update: everyone, delete: everyone },
  sign_in_throttles: { select: everyone, insert: everyone, update: everyone },
  invitations: { select: admin, insert: admin, update: admin, delete: admin },
  outbox_emails: { select: admin, insert: everyone, delete: admin },
  idempotent_submissions: { select: everyone, insert: everyone, update: everyone, delete: everyone },
  // Clients and NDAs.
  client_accounts: { select: connected, insert: admin, update: [...admin, ...clients] },
  client_account_members: { select: connected, insert: admin, delete: admin },
  nda_versions: { select: everyone, insert: admin },
  nda_signatures: {
    select: ['ada', 'sam', 'finn', 'cora', 'nina', 'oscar', 'nova', 'kai'],
    insert: everyone,
    update: admin,
    delete: admin,
  },
  nda_requests: { select: agency, insert: admin, update: agency, delete: admin },
  // Need to know (row by row: database-wall and the three-way agreement tests).
  projects: { select: onProjects, insert: admin },
  items: { select: onProjects, insert: onProjects, update: ['sam', 'finn', 'cora', 'oscar', 'nova', 'kai'] },
  memberships: { select: connected, insert: admin, update: admin },
  allowlist_entries: {
    select: connected,
    insert: ['ada', 'sam', 'finn', 'cora', 'oscar'],
    update: [...admin, ...clients],
  },
  audit_events: { select: connected, insert: anyone },
  authorizations: { select: connected, insert: clients },
  authorization_requests: { select: connected, insert: onProjects },
  access_requests: { select: everyone, insert: agency, update: connected },
  break_glass_grants: { select: connected, insert: admin, update: admin },
  handover_change_requests: { select: onProjects, insert: onProjects, update: onProjects },
  notifications: { select: everyone, update: everyone, delete: everyone },
  files: { select: onProjects, insert: onProjects, update: onProjects, delete: onProjects },
  file_versions: { select: onProjects, insert: onProjects, update: onProjects, delete: onProjects },
  file_chunks: { select: onProjects, insert: onProjects, update: onProjects, delete: onProjects },
  access_reviews: { select: connected, insert: connected, update: connected },
  access_review_decisions: { select: connected, insert: connected, update: connected },
  review_schedules: { select: connected, insert: connected, update: connected, delete: connected },
  // Privacy operations: administrators, and each person their own.
  privacy_requests: { select: everyone, insert: everyone, update: everyone, delete: admin },
  privacy_request_codes: { select: admin, insert: admin, update: admin, delete: admin },
  privacy_exports: { select: admin, insert: admin, update: admin, delete: admin },
  privacy_flags: { select: everyone, insert: admin, update: admin, delete: admin },
  consent_records: { select: everyone, insert: everyone },
  policy_versions: { select: anyone, insert: admin },
  policy_acknowledgements: { select: everyone, insert: everyone },
  retention_rules: { select: admin, insert: admin, update: admin, delete: admin },
  legal_holds: { select: admin, insert: admin, update: admin, delete: admin },
  suppression_entries: { select: admin, insert: admin, update: admin, delete: admin },
  agency_settings: { select: anyone, insert: admin, update: admin },
  // Events (issue 14; row by row: tests/integration/events.test.ts): logistics staff on a valid NDA manage, the owning
  // client sees, the counterparty brand and Nina see nothing; a guest's link binds app.credential, so nobody sees none.
  events: { select: eventReaders, insert: eventStaff, update: eventStaff, delete: eventStaff },
  event_venues: { select: eventReaders, insert: eventStaff, update: eventStaff, delete: eventStaff },
  event_allowlist: {
    select: eventReaders,
    insert: ['ada', ...eventStaff],
    update: ['ada', ...eventStaff],
    delete: ['ada', ...eventStaff],
  },
  guests: { select: eventReaders, insert: eventStaff, update: eventStaff, delete: eventStaff },
  guest_needs: { select: eventReaders, insert: eventStaff, update: eventStaff, delete: eventStaff },
  guest_need_consents: { select: eventReaders, insert: eventStaff },
  guest_check_ins: { select: eventReaders, insert: eventStaff },
  // Profiles (issue 14; field by field: tests/integration/profiles.test.ts): public fields are published.
  profiles: { select: anyone, insert: everyone, update: everyone, delete: everyone },
  profile_fields: { select: anyone, insert: everyone, update: everyone, delete: everyone },
  profile_consents: { select: everyone, insert: everyone },
  shortlists: { select: everyone, insert: everyone, update: everyone, delete: everyone },
  shortlist_entries: { select: everyone, insert: everyone, update: everyone, delete: everyone },
  // Scheduled work (the runner binds app.job; administrators read the history).
  job_runs: { select: admin },
  reminders_sent: { select: admin, insert: admin },
  // The register of processing activities (issue 15 points 4-5): administrators only; a routed request's routing is
  // read by its requester through the request's own link (app.privacy_request), which the probe does not hold.
  processing_purposes: { select: admin, insert: admin, update: admin, delete: admin },
  engagement_roles: { select: admin, insert: admin, update: admin, delete: admin },
  privacy_request_routings: { select: admin, insert: admin },
  // The disclosure register (issue 15 points 1-3): administrators keep it; the owning client reads the records about
  // their data (Nova: the seeded vendor and Lumen shares) unless gagged; a record changes only by an admin lifting a
  // gag.
  disclosures: { select: ['ada', 'nova'], insert: admin, update: admin },
};

let database: TestDatabase;
let userIds: Record<DemoKey, string>;
let tables: string[];
let samples: Map<string, unknown>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  const actors = await demoActors(database.db);
  userIds = Object.fromEntries(DEMO_KEYS.map((k) => [k, actors[k].id])) as Record<DemoKey, string>;
  // A row in the tables the demo world leaves empty, made the way the application makes them.
  const step = await beginSignIn('nova@talent.test', DEMO_PASSWORD_DEFAULT, meta);
  if (step.ok) await completeSignIn(step.token, meta);
  await requestPasswordReset('kai@talent.test', meta);
  await inviteUser(actors.ada, { email: 'probe.invitee@mmgroup.test', name: 'Probe Invitee', role: 'staff' }, meta);
  await submitPublicRequest(publicRequest({ email: 'probe.subject@example.test' }), meta);
  await recordRunStart('probe', 'manual', { actor: actors.ada, meta });
  await recordCookieChoices({
    browserId: 'probe-browser-aaaaaaaaaaa',
    actor: null,
    choices: { analytics: true, functional: true, marketing: false },
    method: 'banner',
    gpc: false,
  });

  tables = rowsOf<{ name: string }>(
    await database.db.execute(sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`),
  ).map((r) => r.name);
  samples = new Map();
  for (const table of tables) {
    const [row] = rowsOf<{ j: unknown }>(
      await database.db.execute(sql.raw(`select row_to_json(t) as j from "${table}" t limit 1`)),
    );
    if (row) samples.set(table, row.j);
  }
}, 120_000);
afterAll(async () => database?.dispose());

type Outcome = 'done' | 'refused' | 'untried';

const code = (error: unknown): string => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code ?? '';
};

/** One attempt in a savepoint, always rolled back; what it did. */
async function attempt(tx: Tx, statement: () => Promise<number>): Promise<Outcome> {
  await tx.execute(sql`savepoint probe`);
  try {
    return (await statement()) > 0 ? 'done' : 'refused';
  } catch (error) {
    const c = code(error);
    if (c.startsWith('23')) return 'done'; // a constraint stopped it after row-level security let it through
    if (c === '428C9' || c === '42P10') return 'untried'; // generated columns: no copy can be inserted
    return 'refused';
  } finally {
    await tx.execute(sql`rollback to savepoint probe`);
  }
}

const affected = (result: unknown): number => {
  const r = result as { rowCount?: number | null; affectedRows?: number; count?: number; length?: number };
  return r.rowCount ?? r.affectedRows ?? r.count ?? 0;
};

async function probe(who: Who): Promise<Map<string, Record<Command, Outcome>>> {
  const out = new Map<string, Record<Command, Outcome>>();
  // One transaction per table (a long one would meet the request deadline on PostgreSQL), always rolled back.
  for (const table of tables) {
    await database.db
      .transaction(async (tx) => {
        const id = who === 'nobody' ? '' : userIds[who];
        await tx.execute(sql`select set_config('app.user_id', ${id}, true), set_config('role', 'clearance_app', true)`);
        const t = `"${table}"`;
        const firstColumn = rowsOf<{ c: string }>(
          await tx.execute(sql`select a.attname as c from pg_attribute a
          where a.attrelid = ${table}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum limit 1`),
        )[0]!.c;
        const sample = samples.get(table);
        out.set(table, {
          select: await attempt(
            tx,
            async () => rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${t}`)))[0]!.n,
          ),
          insert:
            sample === undefined
              ? 'untried'
              : await attempt(tx, async () =>
                  affected(
                    await tx.execute(
                      sql`insert into ${sql.raw(t)} select * from json_populate_record(null::${sql.raw(t)}, ${JSON.stringify(sample)}::json)`,
                    ),
                  ),
                ),
          update: await attempt(tx, async () =>
            affected(await tx.execute(sql.raw(`update ${t} set "${firstColumn}" = "${firstColumn}"`))),
          ),
          delete: await attempt(tx, async () => affected(await tx.execute(sql.raw(`delete from ${t}`)))),
        });
        throw new Error('rollback');
      })
      .catch((error: unknown) => {
        if (!(error instanceof Error && error.message === 'rollback')) throw error;
      });
  }
  return out;
}

describe('the probe: every table, every command, as nobody and as each demo user', () => {
  it('every table has a declared allowance', () => {
    const undeclared = tables.filter((t) => !(t in ALLOWANCE));
    expect(undeclared, 'declare what the application role may do to the new table in ALLOWANCE').toEqual([]);
  });

  it.each(WHO)(
    'as %s, nothing succeeds beyond the allowance',
    async (who) => {
      const observed = await probe(who);
      const beyond: string[] = [];
      for (const [table, outcomes] of observed) {
        const allowance = ALLOWANCE[table];
        if (!allowance) continue;
        for (const command of COMMANDS) {
          if (outcomes[command] === 'done' && !(allowance[command] ?? []).includes(who))
            beyond.push(`${table}: ${command}`);
        }
      }
      if (process.env.PROBE_PRINT)
        console.info(
          who,
          JSON.stringify(
            Object.fromEntries([...observed].map(([t, o]) => [t, COMMANDS.filter((c) => o[c] === 'done').join(',')])),
          ),
        );
      expect(beyond).toEqual([]);
    },
    120_000,
  );

  it('nobody (no acting user, nothing in hand) reads no row of any table but the published ones', async () => {
    const observed = await probe('nobody');
    const read = [...observed].filter(([, o]) => o.select === 'done').map(([t]) => t);
    expect(read.filter((t) => !PUBLISHED.includes(t))).toEqual([]);
  }, 120_000);
});

/**
 * Tables with rows public by design, all nobody may read: the privacy policy's versions, the agency's settings, and
 * the profiles' public pages (a profile and its fields marked public, unless the person demands zero association).
 */
const PUBLISHED = ['agency_settings', 'policy_versions', 'profiles', 'profile_fields'];

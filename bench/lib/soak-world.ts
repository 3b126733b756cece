/**
 * The soak's database: a throwaway PostgreSQL database beside the one DATABASE_URL names, migrated and seeded
 * with the demo world (docs/product.md §9), sessions minted for the simulated users, and — after the run, as the
 * superuser, straight to PostgreSQL (not through the proxy) — the checks: acknowledged writes whose row is
 * missing, served reads without their audit event, and the audit chain (what `npm run audit:verify` walks).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { fromPostgresUrl, rowsOf, type Database } from '@/db/client';
import { resetDatabase, seedDemoWorld } from '@/db/seed/demo-world';
import { BATCH_TIMEOUTS } from '@/db/timeouts';
import { verifyAuditChain, type ChainReport } from '@/lib/dal/audit/verify-audit-chain';
import { mintSession } from './http';

/** Who may read which canary (docs/product.md §9), and which project a writer leads. */
const READS: Record<string, string[]> = {
  sam: [
    'AURORA-RATE-250K',
    'AURORA-DELIVERABLES',
    'AURORA-SHOOT-SCHEDULE',
    'AURORA-HR-ITINERARY',
    'AURORA-SCRIPT-V2',
    'AURORA-CALLNOTES',
  ],
  finn: ['AURORA-RATE-250K', 'AURORA-DELIVERABLES'],
  cora: ['AURORA-SCRIPT-V2'],
  oscar: ['BOREALIS-RATE', 'BOREALIS-HR-SECURITY', 'BOREALIS-UNRELEASED'],
  nova: ['AURORA-RATE-250K', 'AURORA-DELIVERABLES', 'AURORA-SHOOT-SCHEDULE', 'AURORA-HR-ITINERARY', 'AURORA-SCRIPT-V2'],
  kai: ['BOREALIS-RATE', 'BOREALIS-HR-SECURITY', 'BOREALIS-UNRELEASED'],
  brian: ['AURORA-DELIVERABLES', 'AURORA-SCRIPT-V2'],
};
const WRITES: Record<string, string> = { sam: 'Aurora', oscar: 'Borealis' };
/** 20 sessions spread over the demo users who can read something (clients, staff, a contractor). */
const ROSTER = [
  'sam',
  'sam',
  'sam',
  'sam',
  'oscar',
  'oscar',
  'oscar',
  'finn',
  'finn',
  'cora',
  'cora',
  'nova',
  'nova',
  'nova',
  'kai',
  'kai',
  'brian',
  'brian',
  'brian',
  'sam',
];

export type SoakUser = {
  n: number;
  key: string;
  cookie: string;
  reads: { itemId: string; canary: string }[];
  writeProjectId: string | null;
};
export type SoakWorld = {
  name: string;
  /** The URL of the throwaway database, with host and port replaced by `via` when given. */
  urlVia: (via: { host: string; port: number }) => string;
  target: { host: string; port: number };
  users: (count: number, secret: string) => Promise<SoakUser[]>;
  check: (acked: string[], served: { userAgent: string; itemId: string }[]) => Promise<SoakChecks>;
  dispose: (keep: boolean) => Promise<void>;
};
export type SoakChecks = {
  ackedWrites: number;
  lostWrites: number;
  duplicateWrites: number;
  servedReads: number;
  unauditedReads: number;
  chain: ChainReport;
};

export async function openSoakWorld(url: string): Promise<SoakWorld> {
  const name = `clearance_soak_${new Date().toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  const database: Database = fromPostgresUrl(own.toString(), { max: 4, timeouts: BATCH_TIMEOUTS });
  let disposed = false;
  const dispose = async (keep: boolean) => {
    if (disposed) return;
    disposed = true;
    await database.close().catch(() => {});
    if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
  };
  try {
    await database.migrate();
    await resetDatabase(database.db);
    await seedDemoWorld(database.db);
  } catch (error) {
    await dispose(false);
    throw error;
  }
  const { db } = database;
  return {
    name,
    target: { host: own.hostname, port: Number(own.port || 5432) },
    urlVia: (via) => {
      const proxied = new URL(own.toString());
      proxied.hostname = via.host;
      proxied.port = String(via.port);
      return proxied.toString();
    },
    async users(count, secret) {
      const people = rowsOf<{ id: string; email: string }>(await db.execute(sql`select id, email from users`));
      const items = rowsOf<{ id: string; title: string | null }>(await db.execute(sql`select id, title from items`));
      const projects = rowsOf<{ id: string; codename: string }>(
        await db.execute(sql`select id, codename from projects`),
      );
      const out: SoakUser[] = [];
      for (let n = 0; n < count; n++) {
        const key = ROSTER[n % ROSTER.length]!;
        const person = people.find((p) => p.email.split(/[.@]/)[0] === key);
        if (!person) throw new Error(`demo user ${key} missing`);
        // High-risk items are sealed (no plaintext title to find them by): the soak reads the others.
        const reads = READS[key]!.flatMap((canary) => {
          const item = items.find((i) => i.title?.includes(canary));
          return item ? [{ itemId: item.id, canary }] : [];
        });
        if (reads.length === 0) throw new Error(`no readable demo item for ${key}`);
        const project = WRITES[key] ? projects.find((p) => p.codename === WRITES[key]) : undefined;
        out.push({
          n,
          key,
          cookie: await mintSession(db, person.id, secret),
          reads,
          writeProjectId: project?.id ?? null,
        });
      }
      return out;
    },
    async check(acked, served) {
      const titles = new Map<string, number>();
      for (const row of rowsOf<{ title: string }>(
        await db.execute(sql`select title from items where title like 'Soak %'`),
      )) {
        const marker = row.title.split(' ')[1]!;
        titles.set(marker, (titles.get(marker) ?? 0) + 1);
      }
      const audited = new Set(
        rowsOf<{ ua: string; target: string }>(
          await db.execute(
            sql`select user_agent as ua, target_id::text as target from audit_events where user_agent like 'soak-r-%'`,
          ),
        ).map((r) => `${r.ua}|${r.target}`),
      );
      return {
        ackedWrites: acked.length,
        lostWrites: acked.filter((marker) => !titles.has(marker)).length,
        duplicateWrites: [...titles.values()].filter((count) => count > 1).length,
        servedReads: served.length,
        unauditedReads: served.filter((read) => !audited.has(`${read.userAgent}|${read.itemId}`)).length,
        chain: await verifyAuditChain(db),
      };
    },
    dispose,
  };
}

/**
 * `npm run bench`: the performance budgets of docs/product.md §8, measured at scale, each beside a baseline taken in
 * the same run (interleaved with it, sample by sample).
 *
 *   npm run bench                                   PGlite, in a fresh directory under .data/bench
 *   DATABASE_URL=postgres://… npm run bench         PostgreSQL, in a fresh database created and dropped here
 *
 * Flags:
 *   --scale N        size of the world (1 = 1,000 users, 200 client accounts, 5,000 projects, 100,000 items,
 *                    20,000 memberships, 5,000 allowlist entries, 20,000 audit events)          default 1
 *   --growth N       the lists are measured again after growing the database to N× the world  default 10
 *                    (1 skips it)
 *   --samples N      timed samples per measurement (after a warm-up)                          default 2000
 *   --warmup N       untimed iterations first                                                 default 200
 *   --skip-http      no build, no server, no load test
 *   --duration S     seconds of load per HTTP target                                          default 20
 *   --connections N  concurrent connections of the load test                                  default 50
 *   --port N         port of the benchmark's `next start`                                     default 3190
 *   --rebuild        build .next-bench even when it looks up to date
 *   --no-build       serve the existing .next-bench as it is, even if sources changed since
 *   --with-proposed  apply bench/proposed-indexes.sql after seeding (before/after comparisons)
 *   --keep           keep the benchmark database (PGlite directory or PostgreSQL database) afterwards
 *   --skip-files     skip the files budgets (bench/files.ts: upload and download through each blob driver beside
 *                    the raw store; bench/watermark.ts: a 20-page PDF), which otherwise run last, each in its own
 *                    process and database
 *   --file-mib N     size of the file moved through each driver                                default 256
 *   --files-only     only the files budgets (no world, no server): with DATABASE_URL set, the database driver is
 *                    measured on PGlite and on PostgreSQL, and the s3 driver against s3rver, in one run
 *   --out FILE       where the JSON report goes                                    default bench/results/latest.json
 *
 * It reports and does not gate: the exit code is 0 whether budgets pass or fail (1 only if it could not run).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, useDatabase } from '@/db/client';
import { items, projects } from '@/db/schema';
import { seedScaleWorld, type ScaleUser, type ScaleWorld } from '@/db/seed/scale-world';
import { can, type Actor } from '@/lib/authz';
import type { RequestMeta } from '@/lib/dal/audit';
import { loadItemWithFacts } from '@/lib/dal/facts';
import { readItem } from '@/lib/dal/items/read-item';
import { getProjectDetail } from '@/lib/dal/projects/get-project-detail';
import { listVisibleProjects } from '@/lib/dal/projects/list-visible-projects';
import { withActor } from '@/lib/dal/transaction';
import { reloadEnv } from '@/lib/env';
import { explainAs, loggingTwin, outline, plannable, fullScansOn } from '@/tests/helpers/plans';
import { commandLine } from '../scripts/args';
import { openBenchDatabase, type BenchDatabase } from './lib/database';
import {
  ensureBuild,
  firstLoadJs,
  gzipSizeOfBuildFiles,
  load,
  mintSession,
  scriptsIn,
  startServer,
  type LoadResult,
  type PageJs,
  type Server,
} from './lib/http';
import { measurePair, type Summary } from './lib/stats';
import { measureSearchLists, searchListCases, seedRareEvents, type ListRow } from './lists';

// ---------------------------------------------------------------------------------------------------- options

const number = { type: 'string' } as const;
const flag = { type: 'boolean', default: false } as const;
const { values: args } = commandLine(
  'npm run bench [-- --scale N --skip-http …] (the flags are listed in bench/run.ts)',
  {
    options: {
      scale: number,
      growth: number,
      samples: number,
      warmup: number,
      'skip-http': flag,
      duration: number,
      connections: number,
      port: number,
      rebuild: flag,
      'no-build': flag,
      'with-proposed': flag,
      keep: flag,
      'skip-files': flag,
      'files-only': flag,
      'file-mib': number,
      out: { type: 'string', default: path.join('bench', 'results', 'latest.json') },
    },
  },
);
const numberOr = (text: string | undefined, fallback: number) => (text === undefined ? fallback : Number(text));

const options = {
  scale: numberOr(args.scale, 1),
  growth: numberOr(args.growth, 10),
  samples: numberOr(args.samples, 2000),
  warmup: numberOr(args.warmup, 200),
  skipHttp: args['skip-http'],
  duration: numberOr(args.duration, 20),
  connections: numberOr(args.connections, 50),
  port: numberOr(args.port, 3190),
  rebuild: args.rebuild,
  noBuild: args['no-build'],
  withProposed: args['with-proposed'],
  keep: args.keep,
  skipFiles: args['skip-files'],
  filesOnly: args['files-only'],
  fileMib: numberOr(args['file-mib'], 256),
  out: args.out,
};

const DIST_DIR = '.next-bench';
const RESULTS_DIR = path.join(process.cwd(), 'bench', 'results');
const META: RequestMeta = { ip: '127.0.0.1', userAgent: 'clearance-bench' };
const LARGE_TABLES = ['items', 'memberships', 'allowlist_entries', 'projects'];

// The benchmark's own secrets, unless the environment has them: a bench run must not need the demo's.
process.env.CLEARANCE_MASTER_KEY ??= randomBytes(32).toString('base64');
process.env.AUTH_SECRET ??= randomBytes(32).toString('base64url');
process.env.NEXT_TELEMETRY_DISABLED = '1';
reloadEnv(); // the configuration is read once: again after setting it here

const log = (line: string) => console.log(line);
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 10 ? 2 : 1) : '–');

// ---------------------------------------------------------------------------------------------------- sampling

/** Reproducible choices for the samples (independent of the world's own generator). */
function chooser(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! };
}

const actorOf = (user: ScaleUser): Actor => ({
  id: user.id,
  role: user.role,
  disabled: false,
  clientAccountIds: user.clientAccountIds,
});

type Pair = { actor: Actor; itemId: string };

/**
 * (user, item) pairs for the access check: half from memberships (a member and an item of that project, in
 * any state of grant, scope and allowlist), a tenth from client users' own projects, the rest uniformly random
 * (nearly all denied), as a portal's traffic mixes them.
 */
function checkPairs(world: ScaleWorld, count: number): Pair[] {
  const rnd = chooser(42);
  const users = new Map(world.users.map((u) => [u.id, u]));
  const itemsByProject = new Map<string, string[]>();
  for (const item of world.items)
    itemsByProject.set(item.projectId, [...(itemsByProject.get(item.projectId) ?? []), item.id]);
  const projectsByAccount = new Map<string, string[]>();
  world.projectIds.forEach((id, index) => {
    const account = world.projectClientIds[index]!;
    projectsByAccount.set(account, [...(projectsByAccount.get(account) ?? []), id]);
  });
  const enabled = world.users.filter((u) => !u.disabled);
  const clients = enabled.filter(
    (u) => u.role === 'client' && u.clientAccountIds.some((a) => projectsByAccount.has(a)),
  );
  const pairs: Pair[] = [];
  while (pairs.length < count) {
    const r = rnd.next();
    if (r < 0.5) {
      const m = rnd.pick(world.memberships);
      const user = users.get(m.userId)!;
      if (user.disabled) continue;
      pairs.push({
        actor: actorOf(user),
        itemId: rnd.pick(itemsByProject.get(m.projectId) ?? [rnd.pick(world.items).id]),
      });
    } else if (r < 0.6 && clients.length > 0) {
      // A client user and an item of one of their own projects (allowed unless it is internal call notes).
      const user = rnd.pick(clients);
      const own = user.clientAccountIds.flatMap((a) => projectsByAccount.get(a) ?? []);
      pairs.push({
        actor: actorOf(user),
        itemId: rnd.pick(itemsByProject.get(rnd.pick(own)) ?? [rnd.pick(world.items).id]),
      });
    } else {
      pairs.push({ actor: actorOf(rnd.pick(enabled)), itemId: rnd.pick(world.items).id });
    }
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------------- operations

async function accessCheck(pair: Pair): Promise<boolean> {
  return withActor(pair.actor, async ({ tx }) => {
    const loaded = await loadItemWithFacts(tx, pair.actor, pair.itemId);
    return loaded
      ? can(pair.actor, 'item.read', { type: 'item', project: loaded.project, item: loaded.item }).allowed
      : false;
  });
}

// ---------------------------------------------------------------------------------------------------- report

type Row = {
  id: string;
  label: string;
  subject: Summary;
  baselineLabel: string;
  baseline: Summary | null;
  note?: string;
};

type Budget = { id: string; budget: string; measured: string; pass: boolean | null };

function ratio(a: number, b: number) {
  return b > 0 ? a / b : NaN;
}

function printTable(headers: string[], rows: string[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  log(line(headers));
  log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) log(line(r));
}

// ---------------------------------------------------------------------------------------------------- main

/**
 * Files (docs/product.md §8, issue 13): separate processes, so their memory and databases do not mix with the rest.
 * With DATABASE_URL set, bench/files.ts measures the database driver on PGlite and on PostgreSQL, and s3 once.
 */
function runFileBenchmarks() {
  const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
  for (const [script, args] of [
    ['bench/files.ts', [String(options.fileMib)]],
    ['bench/watermark.ts', []],
  ] as const) {
    log(`\n${script}\n`);
    const run = spawnSync(tsx, ['--conditions=react-server', script, ...args], { stdio: 'inherit', env: process.env });
    if (run.status !== 0) log(`${script} could not run (exit ${run.status}${run.signal ? `, ${run.signal}` : ''}).`);
  }
}

async function main() {
  if (options.filesOnly) {
    log(`Clearance benchmark (files only) — ${new Date().toISOString()}`);
    log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    runFileBenchmarks();
    return;
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const started = new Date();
  const loadBefore = loadavg();
  log(`Clearance benchmark — ${started.toISOString()}`);
  log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );

  const bench: BenchDatabase = await openBenchDatabase();
  let server: Server | null = null;
  const cleanup = async () => {
    await server?.stop().catch(() => {});
    server = null;
    await bench
      .dispose(options.keep)
      .catch((error) => console.error('Could not remove the benchmark database:', error));
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`\n${signal}: stopping the server and removing the benchmark database…`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    log(`Database: ${bench.label} — ${bench.driver === 'postgres' ? 'PostgreSQL' : 'PGlite'} ${bench.version}`);
    const rows: Row[] = [];
    const budgets: Budget[] = [];
    const report: Record<string, unknown> = {
      startedAt: started.toISOString(),
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtStart: loadBefore,
      },
      database: { driver: bench.driver, version: bench.version, label: bench.label },
      options,
    };

    // -------------------------------------------------------------------------------------- seed
    log(`\nSeeding the world at scale ${options.scale}…`);
    const world = await seedScaleWorld(bench.database.db, { scale: options.scale, world: 0, log });
    const analyzeStarted = performance.now();
    await bench.database.db.execute(sql`analyze`);
    log(
      `Seeded in ${world.seconds.toFixed(1)} s (+ ANALYZE ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s).`,
    );
    report.world = { counts: world.counts, seedSeconds: world.seconds };
    if (options.withProposed) {
      const statements = readFileSync(path.join(process.cwd(), 'bench', 'proposed-indexes.sql'), 'utf8');
      const proposedStarted = performance.now();
      for (const statement of statements
        .split('--> statement-breakpoint')
        .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
        .filter(Boolean)) {
        await bench.database.db.execute(sql.raw(statement));
      }
      await bench.database.db.execute(sql`analyze`);
      log(`Applied bench/proposed-indexes.sql in ${((performance.now() - proposedStarted) / 1000).toFixed(1)} s.`);
    }
    report.proposedIndexesApplied = options.withProposed;

    const db = () => bench.database.db;
    const sampleOptions = { samples: options.samples, warmup: options.warmup };
    const rnd = chooser(7);

    // -------------------------------------------------------------------------------------- (1) access check
    log(`\n(1) Access check: loadItemWithFacts + can() in withActor, beside a bare primary-key read of the item…`);
    const pairs = checkPairs(world, options.samples + options.warmup);
    let allowedCount = 0;
    const check = await measurePair(
      async (i) => {
        const allowed = await accessCheck(pairs[i % pairs.length]!);
        if (i >= options.warmup && allowed) allowedCount += 1;
      },
      (i) =>
        db()
          .select()
          .from(items)
          .where(eq(items.id, pairs[i % pairs.length]!.itemId)),
      sampleOptions,
    );
    rows.push({
      id: 'check',
      label: 'access check (item.read)',
      subject: check.subject,
      baselineLabel: 'bare PK read of the item',
      baseline: check.baseline,
      note: `${((100 * allowedCount) / options.samples).toFixed(0)}% of the pairs allowed`,
    });
    const emptyTx = await measurePair(
      () => withActor(pairs[0]!.actor, async () => null),
      (i) =>
        db()
          .select()
          .from(items)
          .where(eq(items.id, pairs[i % pairs.length]!.itemId)),
      { samples: Math.min(1000, options.samples), warmup: 100 },
    );
    rows.push({
      id: 'empty-transaction',
      label: '  of which: withActor, no query',
      subject: emptyTx.subject,
      baselineLabel: 'bare PK read of the item',
      baseline: emptyTx.baseline,
      note: 'begin + role switch + commit',
    });

    // -------------------------------------------------------------------------------------- (3) audited read
    log(`(3) Audited item read: readItem (check + read + audit event, one transaction), beside the bare read…`);
    const allowedPairs: Pair[] = [];
    for (const pair of checkPairs(world, 20_000)) {
      if (allowedPairs.length >= 500) break;
      if (await accessCheck(pair)) allowedPairs.push(pair);
    }
    let servedCount = 0;
    const audited = await measurePair(
      async (i) => {
        const pair = allowedPairs[i % allowedPairs.length]!;
        if ((await readItem(pair.actor, pair.itemId, META)) && i >= options.warmup) servedCount += 1;
      },
      (i) =>
        db()
          .select()
          .from(items)
          .where(eq(items.id, allowedPairs[i % allowedPairs.length]!.itemId)),
      sampleOptions,
    );
    rows.push({
      id: 'audited-read',
      label: 'audited item read (readItem)',
      subject: audited.subject,
      baselineLabel: 'bare PK read of the item',
      baseline: audited.baseline,
      note: `${servedCount}/${options.samples} served (allowed pairs, each writes an audit event)`,
    });

    // -------------------------------------------------------------------------------------- (2) lists
    log(
      `(2) Scoped lists at scale ${options.scale}: listVisibleProjects and getProjectDetail, beside bare reads of the same rows…`,
    );
    const enabledUsers = world.users.filter((u) => !u.disabled);
    const agencyMembers = [...new Set(world.memberships.filter((m) => m.active).map((m) => m.userId))]
      .map((id) => world.users.find((u) => u.id === id)!)
      .filter((u) => !u.disabled);
    const clientUsers = enabledUsers.filter((u) => u.role === 'client' && u.clientAccountIds.length > 0);
    type ListCase = { actor: Actor; ids: string[] };
    const projectListCases: ListCase[] = [];
    for (const user of [
      ...Array.from({ length: 200 }, () => rnd.pick(agencyMembers)),
      ...Array.from({ length: 50 }, () => rnd.pick(clientUsers)),
    ]) {
      const actor = actorOf(user);
      const ids = (await listVisibleProjects(actor)).map((p) => p.id);
      if (ids.length > 0) projectListCases.push({ actor, ids });
    }
    const detailCases: (ListCase & { projectId: string })[] = [];
    const activeMemberships = world.memberships.filter((m) => m.active);
    for (let k = 0; k < 300; k++) {
      const m = rnd.pick(activeMemberships);
      const user = world.users.find((u) => u.id === m.userId)!;
      if (user.disabled) continue;
      const actor = actorOf(user);
      const detail = await getProjectDetail(actor, m.projectId);
      if (detail)
        detailCases.push({
          actor,
          projectId: m.projectId,
          ids: detail.itemsByCategory.flatMap((g) => g.items.map((i) => i.id)),
        });
    }
    const listProjects = (c: ListCase) => listVisibleProjects(c.actor);
    const bareProjects = (c: ListCase) => db().select().from(projects).where(inArray(projects.id, c.ids));
    const listItems = (c: (typeof detailCases)[number]) => getProjectDetail(c.actor, c.projectId);
    const bareItems = (c: (typeof detailCases)[number]) =>
      c.ids.length > 0
        ? db().select().from(items).where(inArray(items.id, c.ids))
        : db().select().from(projects).where(eq(projects.id, c.projectId));
    const lists = async (suffix: string) => {
      const p = await measurePair(
        (i) => listProjects(projectListCases[i % projectListCases.length]!),
        (i) => bareProjects(projectListCases[i % projectListCases.length]!),
        sampleOptions,
      );
      const d = await measurePair(
        (i) => listItems(detailCases[i % detailCases.length]!),
        (i) => bareItems(detailCases[i % detailCases.length]!),
        sampleOptions,
      );
      return { projects: p, detail: d, suffix };
    };
    const avg = (values: number[]) => (values.reduce((s, v) => s + v, 0) / Math.max(1, values.length)).toFixed(1);
    const listNotes = {
      projects: `${projectListCases.length} users (${projectListCases.filter((c) => c.actor.role === 'client').length} clients), ${avg(projectListCases.map((c) => c.ids.length))} projects each`,
      detail: `${detailCases.length} (member, project) pairs, ${avg(detailCases.map((c) => c.ids.length))} visible items each`,
    };
    const scaleLabel = (factor: number) => `×${Number(factor.toPrecision(6))}`;
    const base = await lists(scaleLabel(options.scale));
    rows.push({
      id: 'list-projects',
      label: `user's projects (listVisibleProjects) ${base.suffix}`,
      subject: base.projects.subject,
      baselineLabel: 'bare read of the same projects',
      baseline: base.projects.baseline,
      note: listNotes.projects,
    });
    rows.push({
      id: 'list-items',
      label: `project's items (getProjectDetail) ${base.suffix}`,
      subject: base.detail.subject,
      baselineLabel: 'bare read of the same items',
      baseline: base.detail.baseline,
      note: listNotes.detail,
    });

    // Issue 16: the searchable lists (audit log with its filters, people, a user's projects, a client's history).
    log(`(2s) Searchable lists: audit log (filters, text, cursor), people, a user's projects, a client's history…`);
    await seedRareEvents(db(), world);
    const searchCases = await searchListCases(db(), world);
    const searchSampling = { samples: Math.min(options.samples, 500), warmup: Math.min(options.warmup, 50) };
    const searchRows: ListRow[] = await measureSearchLists(searchCases, '', searchSampling);
    rows.push(...searchRows);

    // -------------------------------------------------------------------------------------- plans at scale
    const twin = loggingTwin(bench.database);
    useDatabase(twin.database);
    const planReport: { query: string; sql: string; seqScans: string[]; outline: string }[] = [];
    const plan = async (label: string, actor: Actor, run: () => Promise<unknown>) => {
      twin.log.length = 0;
      await run();
      for (const query of plannable(twin.log)) {
        const tree = await explainAs(bench.database, actor.id, query);
        planReport.push({
          query: label,
          sql: query.sql,
          seqScans: fullScansOn(tree, LARGE_TABLES),
          outline: outline(tree),
        });
      }
    };
    const agencyCase = projectListCases.find((c) => c.actor.role !== 'client')!;
    const clientCase = projectListCases.find((c) => c.actor.role === 'client');
    await plan('check', pairs[0]!.actor, () => accessCheck(pairs[0]!));
    await plan('projects list (agency)', agencyCase.actor, () => listProjects(agencyCase));
    if (clientCase) await plan('projects list (client)', clientCase.actor, () => listProjects(clientCase));
    await plan('project items', detailCases[0]!.actor, () => listItems(detailCases[0]!));
    for (const c of searchCases) await plan(c.label, c.actor, () => c.run(0));
    useDatabase(bench.database);
    const seqScanned = planReport.filter((p) => p.seqScans.length > 0);
    report.plans = planReport;

    // -------------------------------------------------------------------------------------- (4) HTTP
    let http: Record<string, unknown> | null = null;
    let pagesJs: PageJs[] | null = null;
    if (!options.skipHttp) {
      log(`(4) HTTP: building ${DIST_DIR} if needed…`);
      const build = options.noBuild
        ? { built: false, seconds: 0 }
        : ensureBuild(DIST_DIR, { force: options.rebuild, logFile: path.join(RESULTS_DIR, 'build.log') });
      log(
        build.built
          ? `    built in ${build.seconds.toFixed(0)} s`
          : options.noBuild
            ? '    --no-build: serving the existing build'
            : '    the build is up to date',
      );
      pagesJs = firstLoadJs(DIST_DIR);

      // A staff member reading an item of a project they lead or work on.
      const staffPair =
        allowedPairs.find((p) => p.actor.role === 'staff') ??
        allowedPairs.find((p) => p.actor.role !== 'client') ??
        allowedPairs[0]!;
      const cookie = await mintSession(db(), staffPair.actor.id, process.env.AUTH_SECRET!);
      await bench.suspend();
      server = await startServer({
        distDir: DIST_DIR,
        port: options.port,
        env: {
          ...bench.serverEnv,
          AUTH_SECRET: process.env.AUTH_SECRET!,
          CLEARANCE_MASTER_KEY: process.env.CLEARANCE_MASTER_KEY!,
        },
        logFile: path.join(RESULTS_DIR, 'server.log'),
        readyPath: '/bench-static.html',
      });
      const itemUrl = `${server.url}/items/${staffPair.itemId}`;
      const probe = await fetch(itemUrl, { headers: { cookie }, redirect: 'manual' });
      const html = await probe.text();
      if (probe.status !== 200 || !html.includes('data-testid="item-body"')) {
        throw new Error(
          `The signed-in item page answered ${probe.status} (expected 200 with the item): the session or the item is wrong.`,
        );
      }
      const itemScripts = scriptsIn(html);
      log(
        `    signed in as a staff member; GET /items/… answers 200 with the item (${itemScripts.length} scripts, ${(gzipSizeOfBuildFiles(DIST_DIR, itemScripts) / 1024).toFixed(1)} kB gzipped)`,
      );
      const targets: { id: string; label: string; url: string; headers: Record<string, string> }[] = [
        { id: 'item', label: 'signed-in item page', url: itemUrl, headers: { cookie } },
        {
          id: 'privacy',
          label: 'public page /privacy (rendered, no sign-in)',
          url: `${server.url}/privacy`,
          headers: {},
        },
        { id: 'static', label: 'static file /bench-static.html', url: `${server.url}/bench-static.html`, headers: {} },
      ];
      const results: Record<string, LoadResult> = {};
      for (const target of targets) {
        log(`    ${target.label}: warm-up 5 s, then ${options.duration} s at ${options.connections} connections…`);
        await load(target.url, { connections: options.connections, duration: 5, headers: target.headers });
        results[target.id] = await load(target.url, {
          connections: options.connections,
          duration: options.duration,
          headers: target.headers,
        });
      }
      await server.stop();
      server = null;
      await bench.resume();
      http = {
        results,
        itemPageScripts: itemScripts.length,
        itemPageScriptsGzipBytes: gzipSizeOfBuildFiles(DIST_DIR, itemScripts),
      };
      report.http = http;
      report.firstLoadJs = pagesJs;
    }

    // -------------------------------------------------------------------------------------- (2') grow ×N, lists again
    let grown: Awaited<ReturnType<typeof lists>> | null = null;
    if (options.growth > 1) {
      const worlds = Math.round(options.growth) - 1;
      log(
        `(2') Growing the database to ${options.growth}× (${worlds} more worlds of the same shape; the measured users' grants are unchanged)…`,
      );
      const growStarted = performance.now();
      for (let w = 1; w <= worlds; w++) {
        await seedScaleWorld(bench.database.db, { scale: options.scale, world: w });
        process.stdout.write(`    world ${w}/${worlds} (${((performance.now() - growStarted) / 1000).toFixed(0)} s)\r`);
      }
      await bench.database.db.execute(sql`analyze`);
      const growSeconds = (performance.now() - growStarted) / 1000;
      const [counts] = rowsOf<{ items: number; memberships: number; projects: number; users: number }>(
        await bench.database.db
          .execute(sql`select (select count(*) from items)::int as items, (select count(*) from memberships)::int as memberships,
          (select count(*) from projects)::int as projects, (select count(*) from users)::int as users`),
      );
      log(
        `    grown in ${growSeconds.toFixed(0)} s: ${counts?.users} users, ${counts?.projects} projects, ${counts?.items} items, ${counts?.memberships} memberships`,
      );
      // Same users, same answers: growth must not change what anyone sees.
      for (const c of projectListCases.slice(0, 20)) {
        const ids = (await listVisibleProjects(c.actor)).map((p) => p.id);
        if (ids.join() !== c.ids.join())
          throw new Error('After growth a user sees different projects: the worlds are not independent.');
      }
      grown = await lists(scaleLabel(options.scale * options.growth));
      rows.push({
        id: 'list-projects-grown',
        label: `user's projects (listVisibleProjects) ${grown.suffix}`,
        subject: grown.projects.subject,
        baselineLabel: 'bare read of the same projects',
        baseline: grown.projects.baseline,
        note: 'same users as above',
      });
      rows.push({
        id: 'list-items-grown',
        label: `project's items (getProjectDetail) ${grown.suffix}`,
        subject: grown.detail.subject,
        baselineLabel: 'bare read of the same items',
        baseline: grown.detail.baseline,
        note: 'same pairs as above',
      });
      const grownSearch = await measureSearchLists(searchCases, grown.suffix, searchSampling);
      searchRows.push(...grownSearch);
      rows.push(...grownSearch);
      report.growth = { factor: options.growth, seconds: growSeconds, counts };
    }

    // -------------------------------------------------------------------------------------- budgets
    const byId = (id: string) => rows.find((r) => r.id === id)!;
    const c = byId('check');
    budgets.push({
      id: 'check-p95',
      budget: 'access check p95 ≤ 5 ms',
      measured: `${ms(c.subject.p95)} ms`,
      pass: c.subject.p95 <= 5,
    });
    // A ratio budget holds for the typical request and the tail alike: p50 and p95 must both be within it.
    const ratios = (r: Row) => ({
      p50: ratio(r.subject.p50, r.baseline!.p50),
      p95: ratio(r.subject.p95, r.baseline!.p95),
    });
    const ratioBudget = (id: string, budget: string, r: Row, limit: number): Budget => {
      const { p50, p95 } = ratios(r);
      return {
        id,
        budget,
        measured: `p50 ${p50.toFixed(2)}×, p95 ${p95.toFixed(2)}×`,
        pass: p50 <= limit && p95 <= limit,
      };
    };
    budgets.push(ratioBudget('check-ratio', 'access check ≤ 3× a bare PK read (p50 and p95)', c, 3));
    for (const id of ['list-projects', 'list-items', 'list-projects-grown', 'list-items-grown']) {
      const r = rows.find((row) => row.id === id);
      if (r)
        budgets.push({
          id: `${id}-p95`,
          budget: `${r.label.trim()}: p95 ≤ 20 ms`,
          measured: `${ms(r.subject.p95)} ms`,
          pass: r.subject.p95 <= 20,
        });
    }
    if (grown) {
      for (const [id, label] of [
        ['list-projects', "user's projects"],
        ['list-items', "project's items"],
      ] as const) {
        const grownRow = byId(`${id}-grown`);
        const baseRow = byId(id);
        const f = ratio(grownRow.subject.p95, baseRow.subject.p95);
        // The same growth measured against each run's own baseline (the bare read of the same rows, interleaved):
        // on a machine whose load changes between the two runs this separates the data's effect from the load's.
        const normalized = ratio(
          ratio(grownRow.subject.p95, grownRow.baseline!.p95),
          ratio(baseRow.subject.p95, baseRow.baseline!.p95),
        );
        budgets.push({
          id: `${id}-flat`,
          budget: `${label}: p95 at ${options.growth}× data ≤ 1.5× p95 at 1×`,
          measured: `${f.toFixed(2)}× (${normalized.toFixed(2)}× against the baselines)`,
          pass: f <= 1.5,
        });
      }
    } else {
      budgets.push({
        id: 'lists-flat',
        budget: 'lists flat at 10× data',
        measured: 'not measured (--growth 1)',
        pass: null,
      });
    }
    // Searchable lists (issue 16): p95 ≤ 20 ms, ≤ 50 ms for filtered searches of the audit log; flat at 10×.
    for (const r of searchRows) {
      const limit = r.filtered ? 50 : 20;
      budgets.push({
        id: `${r.id}-p95`,
        budget: `${r.label}: p95 ≤ ${limit} ms`,
        measured: `${ms(r.subject.p95)} ms (bare ${ms(r.baseline.p95)} ms)`,
        pass: r.subject.p95 <= limit,
      });
      const grownRow = searchRows.find((g) => g.id === `${r.id}-grown`);
      if (grownRow) {
        const f = ratio(grownRow.subject.p95, r.subject.p95);
        budgets.push({
          id: `${r.id}-flat`,
          budget: `${r.label}: p95 at ${options.growth}× data ≤ 1.5× p95 at 1×`,
          measured: `${f.toFixed(2)}×`,
          pass: f <= 1.5,
        });
      }
    }
    const a = byId('audited-read');
    budgets.push(ratioBudget('audited-ratio', 'audited read ≤ 2× a bare read of the row (p50 and p95)', a, 2));
    budgets.push({
      id: 'plans',
      budget: `no full scan of ${LARGE_TABLES.join(', ')} in the check and list plans`,
      measured:
        seqScanned.length === 0
          ? `none in ${planReport.length} plans`
          : seqScanned.map((p) => `${p.query}: ${p.seqScans.join(', ')}`).join('; '),
      pass: seqScanned.length === 0,
    });
    if (http) {
      const results = http.results as Record<string, LoadResult>;
      const item = results.item!;
      // A run that completed no request, or answered anything but 200, measured nothing.
      const clean = (r: LoadResult) => r.requests > 0 && r.non2xx === 0 && r.errors === 0 && r.timeouts === 0;
      budgets.push({
        id: 'page-p99',
        budget: `signed-in item page p99 < 100 ms at ${options.connections} connections`,
        measured: `${item.latency.p99} ms`,
        pass: clean(item) && item.latency.p99 < 100,
      });
      // The budget's reference is the static page; /privacy (a public page, rendered per request and reading the
      // published policy) is shown for scale, without a verdict.
      for (const ref of ['static', 'privacy'] as const) {
        const f = item.perSecond / results[ref]!.perSecond;
        budgets.push({
          id: `page-throughput-${ref}`,
          budget:
            ref === 'static'
              ? 'item page throughput ≥ 50% of a static page (/bench-static.html)'
              : '(for scale) item page throughput vs /privacy',
          measured: `${(100 * f).toFixed(0)}% (${item.perSecond.toFixed(1)} vs ${results[ref]!.perSecond.toFixed(1)} req/s)`,
          pass: ref === 'static' ? clean(item) && clean(results[ref]!) && f >= 0.5 : null,
        });
      }
      for (const [id, r] of Object.entries(results)) {
        if (!clean(r))
          budgets.push({
            id: `http-${id}-valid`,
            budget: `${r.path}: requests completed, every answer 200`,
            measured: `${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`,
            pass: false,
          });
      }
    }
    if (pagesJs && pagesJs.length > 0) {
      const worst = pagesJs[0]!;
      budgets.push({
        id: 'first-load-js',
        budget: 'first-load JS < 150 kB gzipped, every page',
        measured: `max ${(worst.gzipBytes / 1024).toFixed(1)} kB (${worst.route})`,
        pass: worst.gzipBytes < 150 * 1024,
      });
    }

    // -------------------------------------------------------------------------------------- print
    const finished = new Date();
    const loadAfter = loadavg();
    log(
      `\nResults — ${bench.driver === 'postgres' ? 'PostgreSQL' : 'PGlite'} ${bench.version}, world ×${options.scale}${options.withProposed ? ', with bench/proposed-indexes.sql' : ''} (times in ms; ${options.samples} samples each after ${options.warmup} warm-up, interleaved with the baseline)\n`,
    );
    printTable(
      ['measurement', 'p50', 'p95', 'p99', 'baseline', 'p50', 'p95', 'p99', 'ratio p50', 'ratio p95', 'note'],
      rows.map((r) => [
        r.label,
        ms(r.subject.p50),
        ms(r.subject.p95),
        ms(r.subject.p99),
        r.baselineLabel,
        ms(r.baseline?.p50 ?? NaN),
        ms(r.baseline?.p95 ?? NaN),
        ms(r.baseline?.p99 ?? NaN),
        r.baseline ? `${ratio(r.subject.p50, r.baseline.p50).toFixed(2)}×` : '',
        r.baseline ? `${ratio(r.subject.p95, r.baseline.p95).toFixed(2)}×` : '',
        r.note ?? '',
      ]),
    );
    if (http) {
      const results = http.results as Record<string, LoadResult>;
      log(`\nHTTP (next start, ${options.connections} connections, ${options.duration} s each; latency in ms)\n`);
      printTable(
        ['target', 'req/s', 'p50', 'p90', 'p97.5', 'p99', 'max', 'non-2xx', 'errors'],
        Object.entries(results).map(([id, r]) => [
          id === 'item' ? 'signed-in item page /items/[id]' : r.path,
          r.perSecond.toFixed(0),
          String(r.latency.p50),
          String(r.latency.p90),
          String(r.latency.p97_5),
          String(r.latency.p99),
          String(r.latency.max),
          String(r.non2xx),
          String(r.errors + r.timeouts),
        ]),
      );
    }
    if (pagesJs) {
      log(`\nFirst-load JavaScript (gzipped), largest first\n`);
      printTable(
        ['page', 'files', 'raw kB', 'gzip kB'],
        pagesJs.map((p) => [p.route, String(p.files), (p.rawBytes / 1024).toFixed(1), (p.gzipBytes / 1024).toFixed(1)]),
      );
    }
    if (seqScanned.length > 0) {
      log('\nPlans with full scans of large tables:');
      for (const p of seqScanned) log(`  ${p.query}: ${p.seqScans.join(', ')}\n${p.outline.replace(/^/gm, '    ')}`);
    }
    log(`\nBudgets (docs/product.md §8)\n`);
    printTable(
      ['budget', 'measured', 'verdict'],
      budgets.map((b) => [b.budget, b.measured, b.pass === null ? 'n/a' : b.pass ? 'PASS' : 'FAIL']),
    );
    log(
      `\nLoad average at start ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, at end ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores); ${((finished.getTime() - started.getTime()) / 1000).toFixed(0)} s in all.`,
    );

    Object.assign(report, {
      finishedAt: finished.toISOString(),
      loadAverageAtEnd: loadAfter,
      measurements: rows.map((r) => ({ ...r, ratio: r.baseline ? ratios(r) : null })),
      budgets,
    });
    const out = path.resolve(options.out);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    // A copy per database, so a PGlite run and a PostgreSQL run can be compared side by side.
    const perDriver = path.join(RESULTS_DIR, `latest-${bench.driver}.json`);
    writeFileSync(perDriver, `${JSON.stringify(report, null, 2)}\n`);
    log(`Report written to ${path.relative(process.cwd(), out)} (and ${path.relative(process.cwd(), perDriver)}).`);
  } finally {
    await cleanup();
  }
  if (!options.skipFiles) runFileBenchmarks();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

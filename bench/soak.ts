/**
 * `npm run soak` (issue 17, point 8): a bounded soak of the portal on PostgreSQL. Two instances of the
 * production build (server.mjs, loopback only) reach a throwaway database through one TCP proxy; 20 signed-in
 * users read items and create items; midway the database is cut for ~10 s, later one instance is killed with
 * SIGKILL. Afterwards, as the superuser: acknowledged writes lost, served reads without their audit event, and
 * the audit chain. Exits 0 only if 0 lost, 0 unaudited and the chain intact. Not part of `npm test`.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run soak -- [--seconds 240] [--users 20]
 *     [--port 3290] [--cut-seconds 10] [--keep] [--out bench/results/soak.json]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reloadEnv } from '@/lib/env';
import { startTcpProxy } from '@/tests/helpers/tcp-proxy';
import { commandLine } from '../scripts/args';
import { ensureBuild } from './lib/http';
import { runUser, type Attempt, type Instance, type Tally } from './lib/soak-client';
import { openSoakWorld } from './lib/soak-world';

const { values: args } = commandLine(
  'npm run soak [-- --seconds S --users N --cut-seconds S --port N --keep --out FILE]',
  {
    options: {
      seconds: { type: 'string', default: '240' },
      users: { type: 'string', default: '20' },
      port: { type: 'string', default: '3290' },
      'cut-seconds': { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: path.join('bench', 'results', 'soak.json') },
    },
  },
);
const seconds = Number(args.seconds);
const userCount = Number(args.users);
const cutSeconds = Number(args['cut-seconds']);
const basePort = Number(args.port);
if (
  !(seconds >= 30 && seconds <= 3600) ||
  !(userCount >= 1 && userCount <= 200) ||
  !(cutSeconds >= 1 && cutSeconds < seconds / 3)
) {
  throw new Error('--seconds must be 30–3600, --users 1–200, --cut-seconds shorter than a third of the run');
}
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl)
  throw new Error('npm run soak needs DATABASE_URL (PostgreSQL; a throwaway database is created beside it)');

const DIST_DIR = '.next-soak';
const RESULTS = path.join(process.cwd(), 'bench', 'results');
const children: ChildProcess[] = [];
// Whatever happens, the run ends: a watchdog well past the planned duration kills the instances and exits.
setTimeout(
  () => {
    console.error('soak: watchdog fired, stopping');
    for (const child of children) child.kill('SIGKILL');
    process.exit(3);
  },
  (seconds + 420) * 1000,
).unref();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startInstance(
  port: number,
  env: Record<string, string>,
  n: number,
): Promise<{ instance: Instance; child: ChildProcess }> {
  // Loopback only; AUTH_URL names the same origin the requests come from (server actions check Origin against it).
  const base = `http://127.0.0.1:${port}`;
  const log = openSync(path.join(RESULTS, `soak-instance-${n}.log`), 'w');
  const child = spawn(
    process.execPath,
    [path.join(process.cwd(), 'server.mjs'), '-p', String(port), '-H', '127.0.0.1'],
    {
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        ...env,
        NODE_ENV: 'production',
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        AUTH_URL: base,
        PORT: String(port),
        CLEARANCE_JOBS: 'off',
      },
    },
  );
  closeSync(log);
  children.push(child);
  for (let tries = 0; tries < 720; tries++) {
    if (child.exitCode !== null)
      throw new Error(`instance ${n} exited early; see bench/results/soak-instance-${n}.log`);
    const ready = await fetch(`${base}/api/ready`, { signal: AbortSignal.timeout(5000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { instance: { port, base, origin: base }, child };
    await sleep(250);
  }
  throw new Error(`instance ${n} not ready within 3 minutes`);
}

function createItemActionId(): string {
  const manifest = JSON.parse(
    readFileSync(path.join(DIST_DIR, 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === 'createItemAction');
  if (!found) throw new Error('createItemAction not in the build');
  return found[0];
}

function latency(attempts: Attempt[]) {
  const sorted = attempts.map((a) => a.end - a.start).sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!) : null;
  return {
    count: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted.length ? Math.round(sorted.at(-1)!) : null,
  };
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const build = ensureBuild(DIST_DIR, { force: false, logFile: path.join(RESULTS, 'soak-build.log') });
  if (build.built) console.log(`Built ${DIST_DIR} in ${build.seconds.toFixed(0)} s.`);
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    CLEARANCE_MASTER_KEY: randomBytes(32).toString('base64'),
  };
  Object.assign(process.env, secrets); // the seed seals high-risk content with this key
  reloadEnv();
  const world = await openSoakWorld(databaseUrl!);
  const proxy = await startTcpProxy(world.target);
  const timeline: Record<string, number> = {};
  let failed = true;
  try {
    const env = { ...secrets, DATABASE_URL: world.urlVia({ host: '127.0.0.1', port: proxy.port }) };
    const started = await Promise.all([0, 1].map((n) => startInstance(basePort + n, env, n)));
    const instances = started.map((s) => s.instance);
    const users = await world.users(userCount, secrets.AUTH_SECRET);
    const actionId = createItemActionId();
    console.log(
      `Soak: ${seconds} s, ${users.length} users on ports ${basePort}/${basePort + 1}, database ${world.name} via proxy :${proxy.port}.`,
    );

    const tally: Tally = { attempts: [], acked: [], served: [] };
    const t0 = performance.now();
    const deadline = t0 + seconds * 1000;
    const faults = (async () => {
      await sleep(seconds * 300);
      timeline.cut = performance.now();
      proxy.cut('reset');
      console.log(`  ${((timeline.cut - t0) / 1000).toFixed(0)} s: database cut`);
      await sleep(cutSeconds * 1000);
      proxy.restore();
      timeline.restore = performance.now();
      console.log(`  ${((timeline.restore - t0) / 1000).toFixed(0)} s: database restored`);
      await sleep(Math.max(0, t0 + seconds * 650 - performance.now()));
      started[1]!.child.kill('SIGKILL');
      timeline.kill = performance.now();
      console.log(`  ${((timeline.kill - t0) / 1000).toFixed(0)} s: instance 1 killed (SIGKILL)`);
    })();
    await Promise.all([
      faults,
      ...users.map((user) =>
        runUser({ user, instances, createItemActionId: actionId, deadline, maxOps: seconds * 5, tally }),
      ),
    ]);
    await Promise.all(
      started.map(({ child }) =>
        child.exitCode === null && child.signalCode === null
          ? new Promise((r) => (child.once('exit', r), child.kill('SIGTERM')))
          : null,
      ),
    );

    const checks = await world.check(tally.acked, tally.served);
    const { cut, restore } = timeline as { cut: number; restore: number };
    // The kinds always reported (0 when none), then any other kind seen (reset mid-answer, a form's "briefly
    // unavailable").
    const errors: Record<string, number> = { refused: 0, '503': 0, '5xx': 0, timeout: 0 };
    const statuses: Record<string, number> = {};
    for (const a of tally.attempts) {
      if (a.kind !== 'ok') errors[a.kind] = (errors[a.kind] ?? 0) + 1;
      statuses[`${a.op} ${a.status ?? 'none'} ${a.kind}`] =
        (statuses[`${a.op} ${a.status ?? 'none'} ${a.kind}`] ?? 0) + 1;
    }
    const firstSuccess = tally.attempts
      .filter((a) => a.kind === 'ok' && a.start >= restore)
      .sort((a, b) => a.end - b.end)[0];
    const overlapping = tally.attempts.filter((a) => a.start < restore && a.end > cut);
    const report = {
      at: new Date().toISOString(),
      seconds,
      users: users.length,
      cutSeconds,
      offered: tally.attempts.length,
      served: tally.attempts.filter((a) => a.kind === 'ok').length,
      reads: { offered: tally.attempts.filter((a) => a.op === 'read').length, served: tally.served.length },
      writes: { offered: tally.attempts.filter((a) => a.op === 'write').length, acknowledged: tally.acked.length },
      errors,
      statuses,
      latencyMs: {
        overall: latency(tally.attempts),
        duringCut: latency(tally.attempts.filter((a) => a.start >= cut && a.start < restore)),
      },
      restoreToFirstSuccessMs: firstSuccess ? Math.round(firstSuccess.end - restore) : null,
      longestRequestDuringOutageMs: overlapping.length
        ? Math.round(Math.max(...overlapping.map((a) => a.end - a.start)))
        : null,
      afterKill: {
        offered: tally.attempts.filter((a) => a.start >= timeline.kill!).length,
        served: tally.attempts.filter((a) => a.start >= timeline.kill! && a.kind === 'ok').length,
      },
      lostWrites: checks.lostWrites,
      duplicateWrites: checks.duplicateWrites,
      unauditedReads: checks.unauditedReads,
      chain: checks.chain,
    };
    writeFileSync(path.join(process.cwd(), args.out!), `${JSON.stringify(report, null, 2)}\n`);
    const l = report.latencyMs;
    console.log(
      `Offered ${report.offered}, served ${report.served} (reads ${report.reads.served}/${report.reads.offered}, writes acknowledged ${report.writes.acknowledged} of ${report.writes.offered} attempts).`,
    );
    console.log(
      `Errors by kind: ${
        Object.entries(errors)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none'
      }.`,
    );
    console.log(
      `Latency ms overall p50 ${l.overall.p50} / p95 ${l.overall.p95} / p99 ${l.overall.p99} / max ${l.overall.max}; during the cut p50 ${l.duringCut.p50} / p95 ${l.duringCut.p95} / p99 ${l.duringCut.p99} / max ${l.duringCut.max} (${l.duringCut.count} requests).`,
    );
    console.log(
      `Database restore to first success: ${report.restoreToFirstSuccessMs} ms; longest request during the outage: ${report.longestRequestDuringOutageMs} ms.`,
    );
    console.log(`After the kill: ${report.afterKill.served} of ${report.afterKill.offered} served.`);
    console.log(
      `Lost acknowledged writes: ${checks.lostWrites} of ${checks.ackedWrites}; duplicate writes: ${checks.duplicateWrites}; served reads without audit: ${checks.unauditedReads} of ${checks.servedReads}.`,
    );
    console.log(
      checks.chain.ok
        ? `Audit chain intact: ${checks.chain.events} events.`
        : `Audit chain BROKEN at seq ${checks.chain.brokenAt.seq}: ${checks.chain.problem}.`,
    );
    console.log(`Report: ${args.out}`);
    failed = !(
      checks.lostWrites === 0 &&
      checks.unauditedReads === 0 &&
      checks.chain.ok &&
      checks.ackedWrites > 0 &&
      checks.servedReads > 0
    );
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await proxy.close();
    await world.dispose(args.keep!);
  }
  console.log(failed ? 'SOAK FAILED' : 'SOAK PASSED');
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});

/**
 * The HTTP half of the benchmark: a production build in its own directory (NEXT_DIST_DIR=.next-bench, so
 * it never clashes with .next), server.mjs (what `npm start` runs) on its own port against the bench database, a
 * signed-in session minted directly (a session row plus the Auth.js cookie, as a sign-in would leave them), load from
 * autocannon, and the first-load JavaScript of every page read from the build's manifests.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { encode } from 'next-auth/jwt';
import type { Db } from '@/db/client';
import { sessions } from '@/db/schema';
import { sessionRowId } from '@/lib/dal/account/session-token';

const root = process.cwd();
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

/** What a build depends on (as scripts/e2e.mjs and scripts/demo.ts see it). */
const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'public',
  'auth.ts',
  'proxy.ts',
  'next.config.ts',
  'instrumentation.ts',
  'postcss.config.mjs',
  'package.json',
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

/**
 * `next build` writes the types of a new build directory into tsconfig.json's `include`; this build is the
 * benchmark's only, so that entry is taken out again (nothing else in the file is touched).
 */
function dropDistDirFromTsconfig(distDir: string): void {
  const file = path.join(root, 'tsconfig.json');
  const text = readFileSync(file, 'utf8');
  const config = JSON.parse(text) as { include?: string[] };
  const include = config.include ?? [];
  const kept = include.filter((entry) => !entry.startsWith(`${distDir}/`));
  if (kept.length === include.length) return;
  config.include = kept;
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
}

/** Builds into `distDir` unless its build is newer than every source. */
export function ensureBuild(
  distDir: string,
  options: { force: boolean; logFile: string },
): { built: boolean; seconds: number } {
  const buildId = path.join(root, distDir, 'BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  if (!options.force && built > changed) return { built: false, seconds: 0 };
  const started = performance.now();
  const log = openSync(options.logFile, 'w');
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' };
  const result = spawnSync(bin('next'), ['build'], { stdio: ['ignore', log, log], env });
  closeSync(log);
  dropDistDirFromTsconfig(distDir);
  if (result.status !== 0) {
    const tail = readFileSync(options.logFile, 'utf8').split('\n').slice(-40).join('\n');
    throw new Error(`next build failed (full log in ${path.relative(root, options.logFile)}):\n${tail}`);
  }
  return { built: true, seconds: (performance.now() - started) / 1000 };
}

export type Server = { url: string; stop: () => Promise<void>; pid: number | undefined };

/** server.mjs (what `npm start` runs) on `port` (the server's own PID, not npx's, so it can be stopped). */
export async function startServer(options: {
  distDir: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  readyPath: string;
}): Promise<Server> {
  const url = `http://127.0.0.1:${options.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    NEXT_DIST_DIR: options.distDir,
    AUTH_URL: `http://localhost:${options.port}`,
    PORT: String(options.port),
    ...options.env,
  };
  if (!options.env.DATABASE_URL) delete env.DATABASE_URL;
  const log = openSync(options.logFile, 'w');
  // BENCH_CPU_PROFILE=<dir>: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profileDir = process.env.BENCH_CPU_PROFILE;
  const child: ChildProcess = profileDir
    ? spawn(
        process.execPath,
        [
          '--cpu-prof',
          `--cpu-prof-dir=${profileDir}`,
          path.join(process.cwd(), 'server.mjs'),
          '-p',
          String(options.port),
        ],
        { stdio: ['ignore', log, log], env },
      )
    : spawn(process.execPath, [path.join(process.cwd(), 'server.mjs'), '-p', String(options.port)], {
        stdio: ['ignore', log, log],
        env,
      });
  closeSync(log);
  let exited = false;
  child.on('exit', () => void (exited = true));
  const stop = async () => {
    if (exited) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => !exited && child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited) {
      throw new Error(
        `next start exited early:\n${readFileSync(options.logFile, 'utf8').split('\n').slice(-30).join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${url}${options.readyPath}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error('next start did not answer within 180 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, stop, pid: child.pid };
}

/** The Auth.js session cookie name on plain http (https adds the __Secure- prefix). */
export const SESSION_COOKIE = 'authjs.session-token';

/**
 * A signed-in session for `userId`, as a completed sign-in leaves it: a server-side session row and the
 * Auth.js JWT cookie carrying only its id (auth.ts). Minted directly, so two-factor sign-in flows for staff
 * do not stand between the benchmark and the page it measures.
 */
export async function mintSession(db: Db, userId: string, secret: string): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    // The row keeps only the token's hash (lib/dal/credentials.ts); the cookie carries the token.
    id: sessionRowId(sessionId),
    userId,
    expiresAt: new Date(Date.now() + 12 * 3600_000),
    ip: '127.0.0.1',
    userAgent: 'clearance-bench',
  });
  const token = await encode({ token: { sid: sessionId }, secret, salt: SESSION_COOKIE, maxAge: 12 * 3600 });
  return `${SESSION_COOKIE}=${token}`;
}

export type LoadResult = {
  path: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
};

export async function load(
  url: string,
  options: { connections: number; duration: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.duration,
    headers: options.headers,
    timeout: 30,
  });
  return {
    path: new URL(url).pathname,
    connections: options.connections,
    seconds: result.duration,
    requests: result.requests.total,
    perSecond: result.requests.total / result.duration,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export type PageJs = { page: string; route: string; files: number; rawBytes: number; gzipBytes: number };

/**
 * First-load JavaScript of every app page: the root main files plus every entry chunk of the page's client
 * reference manifest (its layouts, boundaries and the page), each gzipped as `next start` serves them.
 * Polyfills are left out: they load only in browsers without ES modules (`nomodule`).
 */
export function firstLoadJs(distDir: string): PageJs[] {
  const dir = path.join(root, distDir);
  const buildManifest = JSON.parse(readFileSync(path.join(dir, 'build-manifest.json'), 'utf8')) as {
    rootMainFiles?: string[];
  };
  const routes = JSON.parse(readFileSync(path.join(dir, 'app-path-routes-manifest.json'), 'utf8')) as Record<
    string,
    string
  >;
  const gzipCache = new Map<string, { raw: number; gz: number }>();
  const sizeOf = (file: string) => {
    let size = gzipCache.get(file);
    if (!size) {
      const content = readFileSync(path.join(dir, file.replace(/^\/?_next\//, '')));
      size = { raw: content.length, gz: gzipSync(content).length };
      gzipCache.set(file, size);
    }
    return size;
  };
  const pages: PageJs[] = [];
  for (const [page, route] of Object.entries(routes)) {
    if (!page.endsWith('/page')) continue; // route handlers send no JavaScript
    const manifestFile = path.join(dir, 'server', 'app', `${page}_client-reference-manifest.js`);
    if (!existsSync(manifestFile)) continue;
    const context: {
      globalThis?: unknown;
      __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }>;
    } = {};
    context.globalThis = context;
    vm.runInNewContext(readFileSync(manifestFile, 'utf8'), context);
    const manifest = context.__RSC_MANIFEST?.[page];
    const files = new Set<string>(buildManifest.rootMainFiles ?? []);
    for (const chunks of Object.values(manifest?.entryJSFiles ?? {})) for (const chunk of chunks) files.add(chunk);
    let raw = 0;
    let gz = 0;
    for (const file of files) {
      const size = sizeOf(file);
      raw += size.raw;
      gz += size.gz;
    }
    pages.push({ page, route, files: files.size, rawBytes: raw, gzipBytes: gz });
  }
  return pages.sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/** Script URLs a rendered page actually references (a cross-check of the manifest figure for one page). */
export function scriptsIn(html: string): string[] {
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bnomodule\b/i.test(tag));
  const sources = tags
    .map((tag) => /\bsrc="([^"]+\.js)[^"]*"/.exec(tag)?.[1])
    .filter((src): src is string => !!src && src.startsWith('/_next/'));
  return [...new Set(sources)];
}

export function gzipSizeOfBuildFiles(distDir: string, urls: string[]): number {
  return urls.reduce(
    (sum, url) =>
      sum + gzipSync(readFileSync(path.join(root, distDir, url.replace(/^\/_next\//, '').split('?')[0]!))).length,
    0,
  );
}

// Opens and migrates the database at boot, in the background: PGlite's first open takes seconds, and an
// instance started while PostgreSQL is away must still start, answer /api/health, report not ready, and
// become ready by itself (db/client.ts openInBackground retries with backoff).
//
// First of all, the configuration is checked (lib/env.ts): bad configuration stops the server here, with a message
// naming each variable and what it expects, rather than failing later on the request that first reads it.
// NEXT_RUNTIME and NEXT_PHASE are Next.js's own (where this code runs), not configuration.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const building = process.env.NEXT_PHASE === 'phase-production-build';
    const { checkEnv, ConfigurationError } = await import('@/lib/env');
    const env = (() => {
      try {
        return checkEnv();
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        console.error(`Clearance cannot start. ${error.message}\nSee .env.example for every variable.`);
        process.exit(1);
      }
    })();
    const { openInBackground, pgliteDir } = await import('@/db/client');
    // The embedded database has one opener: a second server is refused, and the command-line tools see this one.
    if (!env.databaseUrl && !building) {
      (await import('@/lib/data-dir/server-lock')).claimServerLock(pgliteDir());
    }
    openInBackground();
    // Scheduled work (lib/jobs) starts once the database answers; never in tests; CLEARANCE_JOBS=off turns it off.
    if (!building) (await import('@/lib/jobs/start-jobs')).startScheduledWork();
  }
}

/**
 * One JSON line per failed request (lib/log): the request id (also on the error page as its reference),
 * the route, and the error's kind and code. Never the message or the stack's data.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logRequestError } = await import('@/lib/log/request-error');
  logRequestError(error, request, context);
}

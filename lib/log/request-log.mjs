/**
 * One JSON line per HTTP request, written by the server entry (server.mjs): time, level, requestId, method,
 * route, status, durationMs, actorId. Plain JavaScript because server.mjs loads it without a TypeScript
 * loader. The request id is made here, set on the request (x-request-id, overwriting a client's) and the
 * response, and kept in the request context (lib/log/request-context.ts) so the app's own lines and the
 * error page's reference carry the same id; the app adds the actor's id there once the session is known.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import pino from 'pino';

const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

const storage = (globalThis.__clearanceRequestContext ??= new AsyncLocalStorage());

/**
 * The path without its query, each segment that may be an id or a token (digits, or 16+ characters)
 * replaced by ":id": a reset or invitation link's token is a key, and ids are enough to correlate.
 */
export function routeOf(url) {
  const path = (url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  if (path.startsWith('/_next/static/')) return '/_next/static/:file';
  return path
    .split('/')
    .map((segment) => (/\d/.test(segment) || segment.length >= 16 ? ':id' : segment.replace(/[^\w.\-[\]()@]/g, '_')))
    .join('/')
    .slice(0, 200);
}

/** Wraps Next.js's request handler. */
export function withRequestLog(handle) {
  return (req, res) => {
    const started = process.hrtime.bigint();
    const context = { requestId: randomBytes(8).toString('hex') };
    req.headers['x-request-id'] = context.requestId;
    res.setHeader('x-request-id', context.requestId);
    let written = false;
    const write = (aborted) => {
      if (written) return;
      written = true;
      const status = aborted && !res.headersSent ? 499 : res.statusCode;
      const line = {
        requestId: context.requestId,
        method: req.method,
        route: routeOf(req.url),
        status,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        ...(context.actorId ? { actorId: context.actorId } : {}),
      };
      if (status >= 500) log.error(line, 'request');
      else log.info(line, 'request');
    };
    // A page that failed because the database could not be reached answers 503 with a hint to retry, so a load
    // balancer and a browser see an outage, not a bug (Next.js renders every thrown error as a 500).
    const writeHead = res.writeHead;
    res.writeHead = function (statusCode, ...rest) {
      if (statusCode === 500 && context.databaseUnavailable) {
        res.setHeader('Retry-After', '5');
        return writeHead.call(this, 503, ...rest);
      }
      return writeHead.call(this, statusCode, ...rest);
    };
    res.on('finish', () => write(false));
    res.on('close', () => write(!res.writableFinished));
    storage.run(context, () => handle(req, res));
  };
}

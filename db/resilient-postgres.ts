import 'server-only';
import postgres from 'postgres';
import { DatabaseUnavailableError } from '@/lib/errors';
import { errorKind, log } from '@/lib/log/logger';
import { isUnavailableError } from './errors';
import type { DbTimeouts } from './timeouts';

/**
 * postgres.js behind a deadline and a replaceable pool. Every query outside a transaction, and every whole
 * transaction (its wait for a connection included), must settle within the deadline or it is answered
 * DatabaseUnavailableError. When nothing at all has come back from the pool for a whole deadline, the pool is
 * presumed dead (a cut network never says so) and is ended and replaced, so the first request after the
 * database returns gets fresh connections instead of waiting on the dead ones.
 *
 * The replacement is also the workaround for a postgres.js 3.4.x defect (3.4.9 is the newest release;
 * upstream issues #1154 and #1208, fix proposed in PR #1209, not released): a write scheduled on a
 * connection that has since closed throws `TypeError: Cannot read properties of null (reading 'write')`
 * from a timer, outside any query, and the query it carried never settles. That error class replaces
 * every pool (see onDriverDefect below); the deadline answers the stranded query.
 */
export type ResilientPool = { sql: postgres.Sql; recycle: (reason: string) => void };

type Options = { max: number; timeouts: DbTimeouts };

const pools = ((globalThis as { __clearancePools?: Set<ResilientPool> }).__clearancePools ??= new Set());

function open(url: string, { max, timeouts }: Options): postgres.Sql {
  const connection: Record<string, string> = {};
  if (timeouts.statementMs) connection.statement_timeout = String(timeouts.statementMs);
  if (timeouts.idleInTransactionMs)
    connection.idle_in_transaction_session_timeout = String(timeouts.idleInTransactionMs);
  return postgres(url, {
    max,
    onnotice: () => {},
    connect_timeout: timeouts.connectMs / 1000,
    connection,
    // postgres.js waits up to 20 s (growing with each failure) before reconnecting: after a long outage the
    // first requests would wait that long for a database that is back. Retry within half a second instead.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
  });
}

export function resilientPostgres(url: string, options: Options): ResilientPool {
  let current = open(url, options);
  let ended = false;
  let lastAnswerAt = Date.now();
  const deadlineMs = options.timeouts.deadlineMs;

  const recycle = (reason: string) => {
    if (ended) return;
    const old = current;
    current = open(url, options);
    // Drizzle installs its type parsers on the client's options once, at construction: carry them over.
    Object.assign(current.options.parsers, old.options.parsers);
    Object.assign(current.options.serializers, old.options.serializers);
    lastAnswerAt = Date.now();
    log.warn({ event: 'db.pool.replaced', reason }, 'database pool replaced');
    old.end({ timeout: 0 }).catch(() => {});
  };

  function guard<T>(work: PromiseLike<T> | (() => PromiseLike<T>), onAbandon?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = deadlineMs
        ? setTimeout(() => {
            onAbandon?.();
            if (Date.now() - lastAnswerAt >= deadlineMs) recycle('deadline');
            reject(new DatabaseUnavailableError('deadline'));
          }, deadlineMs)
        : undefined;
      Promise.resolve(typeof work === 'function' ? work() : work).then(
        (value) => {
          clearTimeout(timer);
          lastAnswerAt = Date.now();
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (!isUnavailableError(error)) lastAnswerAt = Date.now(); // the server answered, with an error
          reject(
            isUnavailableError(error) ? new DatabaseUnavailableError(errorKind(error).code ?? 'unavailable') : error,
          );
        },
      );
    });
  }

  // A query is lazy (it runs when awaited) and chainable (`.values()` returns itself): keep both.
  const settleQuery = (
    query: postgres.PendingQuery<postgres.Row[]>,
    settle: (q: PromiseLike<unknown>) => Promise<unknown>,
  ) => {
    let settled: Promise<unknown> | undefined;
    const proxy: object = new Proxy(query, {
      get(target, property) {
        if (property === 'then') {
          return (onValue?: (v: unknown) => unknown, onError?: (e: unknown) => unknown) =>
            (settled ??= settle(target)).then(onValue, onError);
        }
        const value = Reflect.get(target, property, target);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const out = (value as (...a: unknown[]) => unknown).apply(target, args);
          return out === target ? proxy : out;
        };
      },
    });
    return proxy;
  };
  const guardQuery = (query: postgres.PendingQuery<postgres.Row[]>) => settleQuery(query, (q) => guard(q));
  // A statement inside a transaction answering shows the pool alive, as a whole transaction does.
  const answered = (query: postgres.PendingQuery<postgres.Row[]>) =>
    settleQuery(query, (q) =>
      Promise.resolve(q).then(
        (value) => ((lastAnswerAt = Date.now()), value),
        (error: unknown) => {
          if (!isUnavailableError(error)) lastAnswerAt = Date.now();
          throw error;
        },
      ),
    );

  /**
   * A transaction past its deadline has been answered "unavailable", but postgres.js may still run it once
   * a connection frees up. It must not commit then: its callback refuses to start, and any later statement
   * in it throws, so it rolls back.
   */
  const guardTransaction = (args: unknown[]) => {
    let abandoned = false;
    const work = args.pop() as (inner: postgres.Sql) => unknown;
    const refuse = () => {
      if (abandoned) throw new DatabaseUnavailableError('deadline');
    };
    const checked = (inner: postgres.Sql): postgres.Sql =>
      new Proxy(inner, {
        get(target, property) {
          const value = Reflect.get(target, property, target);
          if (property !== 'unsafe' || typeof value !== 'function')
            return typeof value === 'function' ? value.bind(target) : value;
          return (...a: unknown[]) => {
            refuse();
            return answered((value as (...b: unknown[]) => postgres.PendingQuery<postgres.Row[]>).apply(target, a));
          };
        },
      });
    const begin = current.begin as (...a: unknown[]) => Promise<unknown>;
    return guard(
      () => begin.apply(current, [...args, (inner: postgres.Sql) => (refuse(), work(checked(inner)))]),
      () => void (abandoned = true),
    );
  };

  const sql = new Proxy(function resilientSql() {} as unknown as postgres.Sql, {
    apply: (_target, _this, args: unknown[]) => guardQuery((current as unknown as (...a: unknown[]) => never)(...args)),
    get(_target, property) {
      if (property === 'unsafe') {
        return (query: string, args?: never, opts?: object) => guardQuery(current.unsafe(query, args, opts as never));
      }
      if (property === 'begin') return (...args: unknown[]) => guardTransaction(args);
      if (property === 'end') {
        return async (opts?: { timeout?: number }) => {
          ended = true;
          pools.delete(pool);
          await current.end(opts);
        };
      }
      const value = Reflect.get(current, property, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });
  const pool: ResilientPool = { sql, recycle };
  pools.add(pool);
  return pool;
}

const isDriverDefect = (error: unknown) =>
  error instanceof TypeError &&
  /reading 'write'|evaluating 'socket\.write'/.test(error.message) &&
  /postgres[\\/]/.test(error.stack ?? '');

/** Installed once per process: the defect's TypeError replaces every pool instead of taking the process down. */
function onDriverDefect(error: Error) {
  if (isDriverDefect(error)) {
    log.error(
      { event: 'db.driver.defect', ...errorKind(error) },
      'postgres.js wrote to a closed connection; pools replaced',
    );
    for (const pool of pools) pool.recycle('driver-defect');
    return;
  }
  // Alone, this listener would swallow every other uncaught error: behave as Node does without it.
  if (process.listenerCount('uncaughtException') === 1) {
    console.error(error);
    process.exit(1);
  }
}
const flags = globalThis as { __clearanceDefectHandler?: boolean };
if (!flags.__clearanceDefectHandler) {
  flags.__clearanceDefectHandler = true;
  process.on('uncaughtException', onDriverDefect);
}

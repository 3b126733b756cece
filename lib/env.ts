import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/*
 * The application's configuration: every environment variable it reads, in one zod schema, parsed once and
 * cached. Application code reads `env.appOrigin`, `env.masterKeys`, … and never `process.env` (.env.example
 * lists every variable). instrumentation.ts checks the whole environment at boot, strictly: bad configuration
 * stops the server with a message naming each variable and what it expects, never the value it holds.
 *
 * Two readers outside this module, because they cannot load TypeScript: server.mjs (PORT, HOST,
 * CLEARANCE_PROXY_HOPS) and lib/log/request-log.mjs (LOG_LEVEL). The variables Next.js itself sets to say where
 * code runs (NEXT_RUNTIME, NEXT_PHASE) are read by instrumentation.ts, before anything is imported.
 *
 * The app's origin has one rule: AUTH_URL's origin, else http://localhost:$PORT (local development and the
 * demo). Links in emails and shown to people use it; never a request's Host header.
 */

export type MasterKey = { id: string; key: Buffer };
export type MasterKeys = { current: MasterKey; all: ReadonlyMap<string, MasterKey> };
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A master key's id: a fingerprint of the key, never the key. */
export const masterKeyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 16);

const isMasterKey = (text: string) => Buffer.from(text.trim(), 'base64').length === 32;
const masterKey = (text: string): MasterKey => {
  const key = Buffer.from(text.trim(), 'base64');
  return { id: masterKeyId(key), key };
};

/** Unset, empty and blank all mean "not set"; anything else is trimmed. */
const blankToUnset = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUnset, schema.optional());

const wholeNumber = (what: string, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .transform(Number)
    .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, what);

const url = (what: string, protocols: readonly string[]) =>
  z.string().refine((text) => {
    try {
      return protocols.includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, what);

const milliseconds = optional(wholeNumber('must be a whole number of milliseconds (0 turns the limit off)', 0));
const PROXY_HOPS = 'must be a whole number from 0 to 10 (the proxies in front of the portal)';

/**
 * The schema, by variable name. `strict` is the boot check: it also refuses a CLEARANCE_PROXY_HOPS outside 0–10
 * (read as 0 afterwards, as server.mjs does) and an s3 store without a bucket (else refused when a file is stored).
 */
function schema(strict: boolean) {
  const hops = wholeNumber(PROXY_HOPS, 0, 10);
  return z
    .object({
      NODE_ENV: optional(z.string()),
      VITEST: optional(z.string()),
      LOG_LEVEL: optional(
        z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
          error: 'must be one of fatal, error, warn, info, debug, trace, silent',
        }),
      ),
      PORT: optional(wholeNumber('must be a port number (1–65535)', 1, 65_535)),
      HOST: optional(z.string()),
      AUTH_URL: optional(
        url('must be the http(s) address people open, e.g. https://clearance.example', ['http:', 'https:']),
      ),
      AUTH_SECRET: optional(z.string()),
      DATABASE_URL: optional(
        url('must be a postgres:// or postgresql:// connection URL', ['postgres:', 'postgresql:']),
      ),
      PGLITE_DIR: optional(z.string()),
      CLEARANCE_DB_CONNECT_TIMEOUT_MS: milliseconds,
      CLEARANCE_DB_STATEMENT_TIMEOUT_MS: milliseconds,
      CLEARANCE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds,
      CLEARANCE_DB_DEADLINE_MS: milliseconds,
      CLEARANCE_MASTER_KEY: optional(z.string().refine(isMasterKey, 'must be 32 bytes, base64-encoded')),
      CLEARANCE_PREVIOUS_MASTER_KEYS: optional(
        z
          .string()
          .refine(
            (text) => text.split(',').every((k) => !k.trim() || isMasterKey(k)),
            'must be comma-separated master keys of 32 bytes each, base64-encoded',
          ),
      ),
      CLEARANCE_BLOB_STORE: optional(z.enum(['database', 's3'], { error: 'must be "database" or "s3"' })),
      CLEARANCE_MAX_FILE_BYTES: optional(wholeNumber('must be a positive whole number of bytes', 1)),
      CLEARANCE_S3_BUCKET: optional(z.string()),
      CLEARANCE_S3_REGION: optional(z.string()),
      CLEARANCE_S3_ENDPOINT: optional(url('must be an http(s) URL', ['http:', 'https:'])),
      CLEARANCE_S3_ACCESS_KEY_ID: optional(z.string()),
      CLEARANCE_S3_SECRET_ACCESS_KEY: optional(z.string()),
      // Unset means "files/"; set but blank means no prefix (as before: only an unset prefix took the default).
      CLEARANCE_S3_PREFIX: z.string().optional(),
      SMTP_URL: optional(url('must be an smtp:// or smtps:// URL', ['smtp:', 'smtps:'])),
      MAIL_FROM: optional(z.string()),
      CLEARANCE_DEV_MAILBOX: optional(z.enum(['0', '1'], { error: 'must be 1 (show /dev/mailbox) or 0' })),
      CLEARANCE_JOBS: optional(z.enum(['on', 'off'], { error: 'must be "on" or "off"' })),
      CLEARANCE_JOBS_ADMIN_EMAIL: optional(z.email({ error: 'must be an email address' })),
      CLEARANCE_PROXY_HOPS: optional(strict ? hops : hops.catch(0)),
      RETENTION_ADMIN_EMAIL: optional(z.email({ error: 'must be an email address' })),
      // Not trimmed: a password is used as written.
      DEMO_PASSWORD: z.string().optional(),
      DEMO_TOTP_SECRET: optional(z.string().regex(/^[A-Z2-7]+=*$/i, 'must be a base32 TOTP secret')),
    })
    .superRefine((raw, ctx) => {
      if (strict && raw.CLEARANCE_BLOB_STORE === 's3' && !raw.CLEARANCE_S3_BUCKET)
        ctx.addIssue({
          code: 'custom',
          path: ['CLEARANCE_S3_BUCKET'],
          message: 'is required when CLEARANCE_BLOB_STORE is "s3"',
        });
    })
    .transform((raw) => {
      const port = raw.PORT ?? 3000;
      const appOrigin = raw.AUTH_URL ? new URL(raw.AUTH_URL).origin : `http://localhost:${port}`;
      const previous = (raw.CLEARANCE_PREVIOUS_MASTER_KEYS ?? '').split(',').filter((k) => k.trim());
      const keys = raw.CLEARANCE_MASTER_KEY ? [raw.CLEARANCE_MASTER_KEY, ...previous].map(masterKey) : null;
      const nodeEnv = raw.NODE_ENV;
      return {
        nodeEnv,
        production: nodeEnv === 'production',
        development: nodeEnv === 'development',
        /** Under vitest: logs are silent and scheduled work never starts. */
        test: nodeEnv === 'test',
        logLevel: (raw.LOG_LEVEL ?? (raw.VITEST ? 'silent' : 'info')) as LogLevel,
        port,
        host: raw.HOST,
        /** The app's public origin: AUTH_URL's, else http://localhost:$PORT. For links, never a request's Host. */
        appOrigin,
        /** Whether AUTH_URL names the origin. Without it (local development) request checks compare with Host. */
        appOriginConfigured: raw.AUTH_URL !== undefined,
        /** Cookies only over HTTPS: when the app's origin is https. */
        secureCookies: appOrigin.startsWith('https:'),
        /** Auth.js reads AUTH_SECRET itself; the app only asks whether it is set (readiness). */
        authSecretSet: raw.AUTH_SECRET !== undefined,
        databaseUrl: raw.DATABASE_URL,
        pgliteDir: raw.PGLITE_DIR ?? path.join(process.cwd(), '.data', 'pglite'),
        dbTimeouts: {
          connectMs: raw.CLEARANCE_DB_CONNECT_TIMEOUT_MS ?? 3000,
          statementMs: raw.CLEARANCE_DB_STATEMENT_TIMEOUT_MS ?? 5000,
          idleInTransactionMs: raw.CLEARANCE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS ?? 10_000,
          deadlineMs: raw.CLEARANCE_DB_DEADLINE_MS ?? 6000,
        },
        /** The current master key first, then the previous ones; null when CLEARANCE_MASTER_KEY is not set. */
        masterKeys: keys ? ({ current: keys[0]!, all: new Map(keys.map((k) => [k.id, k])) } as MasterKeys) : null,
        previousMasterKeyCount: previous.length,
        blobStore: raw.CLEARANCE_BLOB_STORE ?? 'database',
        maxFileBytes: raw.CLEARANCE_MAX_FILE_BYTES ?? 2 * 1024 ** 3,
        s3: {
          bucket: raw.CLEARANCE_S3_BUCKET,
          region: raw.CLEARANCE_S3_REGION ?? 'us-east-1',
          endpoint: raw.CLEARANCE_S3_ENDPOINT,
          accessKeyId: raw.CLEARANCE_S3_ACCESS_KEY_ID,
          secretAccessKey: raw.CLEARANCE_S3_SECRET_ACCESS_KEY,
          prefix: raw.CLEARANCE_S3_PREFIX?.trim() ?? 'files/',
        },
        smtpUrl: raw.SMTP_URL,
        mailFrom: raw.MAIL_FROM ?? 'Clearance <no-reply@clearance.invalid>',
        /** /dev/mailbox: always outside production, in production only with CLEARANCE_DEV_MAILBOX=1. */
        devMailbox: nodeEnv !== 'production' || raw.CLEARANCE_DEV_MAILBOX === '1',
        /** Scheduled work runs with the server unless CLEARANCE_JOBS=off; never in tests. */
        jobsEnabled: raw.CLEARANCE_JOBS !== 'off' && nodeEnv !== 'test',
        jobsAdminEmail: raw.CLEARANCE_JOBS_ADMIN_EMAIL,
        proxyHops: raw.CLEARANCE_PROXY_HOPS ?? 0,
        retentionAdminEmail: raw.RETENTION_ADMIN_EMAIL,
        demoPassword: raw.DEMO_PASSWORD,
        demoTotpSecret: raw.DEMO_TOTP_SECRET,
      };
    });
}

export type Env = z.output<ReturnType<typeof schema>>;

/** Every variable the schema reads. */
export const ENV_VARIABLES = Object.keys(schema(false).in.shape) as readonly string[];

export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

type Source = Readonly<Record<string, string | undefined>>;

function snapshot(source: Source): Record<string, string | undefined> {
  return Object.fromEntries(ENV_VARIABLES.map((name) => [name, source[name]]));
}

/**
 * Parses an environment. Each problem names the variable and what it expects; the value itself is never
 * quoted (it may be a secret).
 */
export function parseEnv(source: Source, options: { strict?: boolean } = {}): Env {
  const result = schema(options.strict ?? false).safeParse(snapshot(source));
  if (result.success) return result.data;
  throw new ConfigurationError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
}

// Under vitest, tests set process.env while they run (a new master key, another store): the cache is kept only
// while the variables it was parsed from are unchanged. Elsewhere the environment is parsed once.
const underTest = Boolean(process.env.VITEST);
let cached: { env: Env; key: string | null } | null = null;
const keyOf = () => (underTest ? JSON.stringify(ENV_VARIABLES.map((name) => process.env[name] ?? null)) : null);

function current(): Env {
  const key = keyOf();
  if (cached && cached.key === key) return cached.env;
  cached = { env: parseEnv(process.env), key };
  return cached.env;
}

/**
 * The boot check (instrumentation.ts register()): parses the whole environment strictly and caches it.
 * Throws a ConfigurationError naming every bad variable.
 */
export function checkEnv(): Env {
  parseEnv(process.env, { strict: true });
  return current();
}

/**
 * Forgets the parsed environment: for a script that sets process.env for itself (scripts/env.ts) and for
 * tests. The next read parses again.
 */
export function reloadEnv(): void {
  cached = null;
}

/** The configuration, typed; read on first use and cached. */
export const env: Readonly<Env> = new Proxy({} as Env, {
  get: (_target, property) => current()[property as keyof Env],
  has: (_target, property) => property in current(),
  ownKeys: () => Reflect.ownKeys(current()),
  getOwnPropertyDescriptor: (_target, property) => ({
    value: current()[property as keyof Env],
    enumerable: true,
    configurable: true,
  }),
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, ENV_VARIABLES, env, masterKeyId, parseEnv } from '@/lib/env';

const KEY = Buffer.alloc(32, 7).toString('base64');
const OLD_KEY = Buffer.alloc(32, 9).toString('base64');

function problemsOf(source: Record<string, string>, strict = false): readonly string[] {
  try {
    parseEnv(source, { strict });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('parseEnv', () => {
  it('needs no configuration: the defaults of npm run demo and npm test', () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      port: 3000,
      appOrigin: 'http://localhost:3000',
      appOriginConfigured: false,
      secureCookies: false,
      logLevel: 'info',
      databaseUrl: undefined,
      masterKeys: null,
      blobStore: 'database',
      maxFileBytes: 2 * 1024 ** 3,
      s3: { bucket: undefined, region: 'us-east-1', endpoint: undefined, prefix: 'files/' },
      smtpUrl: undefined,
      mailFrom: 'Clearance <no-reply@clearance.invalid>',
      devMailbox: true,
      jobsEnabled: true,
      proxyHops: 0,
      dbTimeouts: { connectMs: 3000, statementMs: 5000, idleInTransactionMs: 10_000, deadlineMs: 6000 },
    });
    expect(config.pgliteDir).toBe(`${process.cwd()}/.data/pglite`);
    expect(parseEnv({ VITEST: 'true' }).logLevel).toBe('silent');
    expect(parseEnv({ NODE_ENV: 'test' }).jobsEnabled).toBe(false);
    expect(parseEnv({ CLEARANCE_JOBS: 'off' }).jobsEnabled).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production' }).devMailbox).toBe(false);
    expect(parseEnv({ NODE_ENV: 'production', CLEARANCE_DEV_MAILBOX: '1' }).devMailbox).toBe(true);
  });

  it('reads an empty or blank variable as unset', () => {
    expect(parseEnv({ AUTH_URL: '', CLEARANCE_MAX_FILE_BYTES: '  ', DATABASE_URL: '' })).toMatchObject({
      appOrigin: 'http://localhost:3000',
      maxFileBytes: 2 * 1024 ** 3,
      databaseUrl: undefined,
    });
  });

  it('has one rule for the app origin: AUTH_URL, else http://localhost:$PORT', () => {
    expect(parseEnv({ PORT: '3100' }).appOrigin).toBe('http://localhost:3100');
    const https = parseEnv({ AUTH_URL: 'https://clearance.example/some/path', PORT: '8080' });
    expect(https).toMatchObject({
      appOrigin: 'https://clearance.example',
      appOriginConfigured: true,
      secureCookies: true,
    });
    expect(parseEnv({ AUTH_URL: 'http://10.0.0.5:3000/' }).secureCookies).toBe(false);
  });

  it('names the variable and what it expects, never the value', () => {
    const secret = 'postgres-password-in-a-bad-url';
    const problems = problemsOf({
      AUTH_URL: 'portal-without-scheme.test',
      CLEARANCE_MAX_FILE_BYTES: '-5',
      CLEARANCE_BLOB_STORE: 'disk',
      DATABASE_URL: `mysql://root:${secret}@db`,
      CLEARANCE_MASTER_KEY: 'too-short-secret',
      CLEARANCE_DB_DEADLINE_MS: 'soon',
      LOG_LEVEL: 'loud',
      PORT: '70000',
    });
    const text = problems.join('\n');
    for (const name of [
      'AUTH_URL',
      'CLEARANCE_MAX_FILE_BYTES',
      'CLEARANCE_BLOB_STORE',
      'DATABASE_URL',
      'CLEARANCE_MASTER_KEY',
      'CLEARANCE_DB_DEADLINE_MS',
      'LOG_LEVEL',
      'PORT',
    ])
      expect(problems.some((p) => p.startsWith(`${name} `))).toBe(true);
    expect(text).toContain('CLEARANCE_MASTER_KEY must be 32 bytes, base64-encoded');
    expect(text).toContain('CLEARANCE_BLOB_STORE must be "database" or "s3"');
    for (const value of [secret, 'too-short-secret', 'disk', 'soon', 'loud', '70000', 'portal-without-scheme.test'])
      expect(text).not.toContain(value);
  });

  it('refuses a previous master key that is not a key', () => {
    expect(problemsOf({ CLEARANCE_MASTER_KEY: KEY, CLEARANCE_PREVIOUS_MASTER_KEYS: `${OLD_KEY},nope` })).toEqual([
      'CLEARANCE_PREVIOUS_MASTER_KEYS must be comma-separated master keys of 32 bytes each, base64-encoded',
    ]);
  });

  it('at boot (strict) also refuses proxy hops outside 0–10 and an s3 store without a bucket', () => {
    expect(parseEnv({ CLEARANCE_PROXY_HOPS: 'one' }).proxyHops).toBe(0);
    expect(problemsOf({ CLEARANCE_PROXY_HOPS: '11' }, true)).toEqual([
      'CLEARANCE_PROXY_HOPS must be a whole number from 0 to 10 (the proxies in front of the portal)',
    ]);
    expect(parseEnv({ CLEARANCE_PROXY_HOPS: '2' }, { strict: true }).proxyHops).toBe(2);
    expect(problemsOf({ CLEARANCE_BLOB_STORE: 's3' }, true)).toEqual([
      'CLEARANCE_S3_BUCKET is required when CLEARANCE_BLOB_STORE is "s3"',
    ]);
  });

  it('parses the master keys into ids and keys, the current one first', () => {
    const { masterKeys, previousMasterKeyCount } = parseEnv({
      CLEARANCE_MASTER_KEY: KEY,
      CLEARANCE_PREVIOUS_MASTER_KEYS: ` ${OLD_KEY} ,`,
    });
    expect(masterKeys!.current.id).toBe(masterKeyId(Buffer.from(KEY, 'base64')));
    expect([...masterKeys!.all.keys()]).toEqual([
      masterKeyId(Buffer.from(KEY, 'base64')),
      masterKeyId(Buffer.from(OLD_KEY, 'base64')),
    ]);
    expect(previousMasterKeyCount).toBe(1);
  });

  it('lists every variable it reads', () => {
    expect(ENV_VARIABLES).toContain('AUTH_URL');
    expect(ENV_VARIABLES).toContain('CLEARANCE_MASTER_KEY');
    expect(ENV_VARIABLES).not.toContain('NEXT_RUNTIME');
  });
});

describe('env', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('parses the master keys once, not on every read', () => {
    vi.stubEnv('CLEARANCE_MASTER_KEY', KEY);
    const first = env.masterKeys;
    expect(env.masterKeys).toBe(first);
    expect(env.masterKeys!.current.key).toBe(first!.current.key);
  });

  it('sees a variable a test changes (the cache follows the values it was parsed from)', () => {
    vi.stubEnv('AUTH_URL', 'https://one.example');
    expect(env.appOrigin).toBe('https://one.example');
    vi.stubEnv('AUTH_URL', 'https://two.example');
    expect(env.appOrigin).toBe('https://two.example');
    vi.stubEnv('CLEARANCE_MASTER_KEY', OLD_KEY);
    expect(env.masterKeys!.current.id).toBe(masterKeyId(Buffer.from(OLD_KEY, 'base64')));
  });

  it('fails on first read when the environment is bad', () => {
    vi.stubEnv('CLEARANCE_MAX_FILE_BYTES', 'lots');
    expect(() => env.maxFileBytes).toThrow(/CLEARANCE_MAX_FILE_BYTES must be a positive whole number of bytes/);
  });
});

/**
 * Calls server actions directly, the way an attacker posting them would, outside Next.js: finds every exported
 * server action of the app, stands in for the request (who is signed in, headers, cookies) and classifies
 * each answer. The test files install the stand-ins with vi.mock (see actions-direct.test.ts):
 *
 *   vi.mock('next-auth', async () => (await import('../helpers/action-harness')).nextAuthMock);
 *   vi.mock('next-auth/providers/credentials', async () => (await
 * import('../helpers/action-harness')).credentialsMock);   vi.mock('next/headers', async () => (await
 * import('../helpers/action-harness')).nextHeadersMock);   vi.mock('next/cache', async () => (await
 * import('../helpers/action-harness')).nextCacheMock);
 *
 * The app's own auth.ts runs on a stand-in NextAuth: its Credentials `authorize` and its jwt/session callbacks
 * are the real ones. next/navigation stays real: redirect() throws Next's NEXT_REDIRECT error, classified here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { redirect } from 'next/navigation';
import type { RequestMeta } from '@/lib/dal/audit';

/** Who the current request is: the Auth.js session id (null: anonymous) and the browser's cookies. */
export const caller = {
  sessionId: null as string | null,
  cookies: new Map<string, string>(),
  /** When set, the value of every cookie the app reads and has not set itself (a forged challenge cookie…). */
  anyCookie: null as string | null,
};

export const callerMeta: RequestMeta = { ip: '198.51.100.66', userAgent: 'vitest action fuzz' };

// ---- Stand-ins for the modules that need a running Next.js / Auth.js ----

export class AuthError extends Error {
  type = 'AuthError';
}
export class CredentialsSignin extends AuthError {
  override type = 'CredentialsSignin';
}
/** What Auth.js throws when `authorize` fails with anything but CredentialsSignin. */
export class CallbackRouteError extends AuthError {
  override type = 'CallbackRouteError';
}

type Provider = {
  id?: string;
  authorize?: (credentials: Record<string, unknown>, request: Request) => Promise<unknown>;
};
type Callback = (params: Record<string, unknown>) => unknown;
type AuthConfig = { providers?: Provider[]; callbacks?: { jwt?: Callback; session?: Callback } };

/** NextAuth(config) as the app sees it, driven by `caller` and the app's own providers and callbacks. */
function standInNextAuth(config: AuthConfig) {
  const auth = async () => {
    if (!caller.sessionId) return null;
    const expires = new Date(Date.now() + 3_600_000).toISOString();
    const token = config.callbacks?.jwt
      ? await config.callbacks.jwt({ token: {}, user: { id: 'user', sessionId: caller.sessionId } })
      : { sid: caller.sessionId };
    return config.callbacks?.session
      ? config.callbacks.session({ session: { expires }, token })
      : { sessionId: caller.sessionId, expires };
  };
  const signIn = async (provider: string, options: Record<string, unknown> | FormData = {}) => {
    const fields = options instanceof FormData ? Object.fromEntries(options) : options;
    const { redirectTo, redirect: _redirect, ...credentials } = fields;
    const authorize = config.providers?.find((p) => (p.id ?? 'credentials') === provider)?.authorize;
    if (!authorize) throw new CallbackRouteError(`no provider ${provider}`);
    const request = new Request('http://localhost:3000/api/auth/callback/credentials', {
      method: 'POST',
      headers: await nextHeadersMock.headers(),
    });
    let user: unknown;
    try {
      user = await authorize(credentials, request);
    } catch (error) {
      throw error instanceof AuthError ? error : new CallbackRouteError('authorize failed');
    }
    if (!user) throw new CredentialsSignin();
    redirect(typeof redirectTo === 'string' ? redirectTo : '/');
  };
  const signOut = async (options: { redirectTo?: string } = {}) => {
    redirect(options.redirectTo ?? '/');
  };
  const handler = async () => new Response(null, { status: 404 });
  return { auth, signIn, signOut, handlers: { GET: handler, POST: handler }, unstable_update: async () => null };
}

export const nextAuthMock = {
  AuthError,
  CredentialsSignin,
  CallbackRouteError,
  default: (config: AuthConfig | ((request: unknown) => AuthConfig)) =>
    standInNextAuth(typeof config === 'function' ? config(undefined) : config),
};

export const credentialsMock = {
  default: (options: Record<string, unknown>) => ({ id: 'credentials', type: 'credentials', ...options }),
};

function cookieStore() {
  return {
    get: (name: string) =>
      caller.cookies.has(name)
        ? { name, value: caller.cookies.get(name)! }
        : caller.anyCookie !== null
          ? { name, value: caller.anyCookie }
          : undefined,
    getAll: () => [...caller.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => caller.cookies.has(name),
    set: (name: string | { name: string; value: string }, value?: string) => {
      if (typeof name === 'object') caller.cookies.set(name.name, name.value);
      else caller.cookies.set(name, value ?? '');
    },
    delete: (name: string | { name: string }) =>
      void caller.cookies.delete(typeof name === 'object' ? name.name : name),
    toString: () => '',
  };
}

export const nextHeadersMock = {
  headers: async () =>
    new Headers({
      host: 'localhost:3000',
      'user-agent': callerMeta.userAgent!,
      'x-clearance-peer': callerMeta.ip!,
      'x-forwarded-proto': 'http',
    }),
  cookies: async () => cookieStore(),
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};

const noop = () => {};
export const nextCacheMock = {
  revalidatePath: noop,
  revalidateTag: noop,
  updateTag: noop,
  refresh: noop,
  cacheLife: noop,
  cacheTag: noop,
  unstable_noStore: noop,
  unstable_cache: <T>(fn: T) => fn,
};

// ---- Finding the actions ----

export type ServerAction = { file: string; name: string; id: string; fn: (...args: unknown[]) => Promise<unknown> };

const USE_SERVER = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use server['"]/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/**
 * Every exported function of every server-action module ('use server' at the top of the file) under app/ and
 * lib/: actions added later are covered without touching the tests. (Inline 'use server' closures inside
 * components cannot be imported; the app has none.)
 */
export async function discoverActions(root = process.cwd()): Promise<ServerAction[]> {
  const files = [...sourceFiles(path.join(root, 'app')), ...sourceFiles(path.join(root, 'lib'))]
    .filter((file) => USE_SERVER.test(readFileSync(file, 'utf8')))
    .sort();
  const actions: ServerAction[] = [];
  for (const file of files) {
    const module = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
    const relative = path.relative(root, file);
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function')
        actions.push({ file: relative, name, id: `${relative}#${name}`, fn: value as ServerAction['fn'] });
    }
  }
  return actions;
}

/** Files that must be server-action modules: a file named actions.ts without 'use server' is a mistake. */
export function actionFilesWithoutDirective(root = process.cwd()): string[] {
  return sourceFiles(path.join(root, 'app'))
    .filter((file) => path.basename(file) === 'actions.ts' && !USE_SERVER.test(readFileSync(file, 'utf8')))
    .map((file) => path.relative(root, file));
}

// ---- Calling them ----

export type Answer =
  { kind: 'state'; value: unknown } | { kind: 'redirect'; to: string } | { kind: 'error'; error: unknown };

function redirectTarget(error: unknown): string | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== 'string' || !digest.startsWith('NEXT_REDIRECT;')) return null;
  return digest.split(';').slice(2, -2).join(';');
}

/** Calls an action with fresh cookies (or every cookie forged) and says what came back: a value, a redirect, or an error. */
export async function invoke(action: ServerAction, args: unknown[], anyCookie: string | null = null): Promise<Answer> {
  caller.cookies = new Map();
  caller.anyCookie = anyCookie;
  try {
    return { kind: 'state', value: await action.fn(...args) };
  } catch (error) {
    const to = redirectTarget(error);
    return to === null ? { kind: 'error', error } : { kind: 'redirect', to };
  }
}

export function describeAnswer(answer: Answer): string {
  if (answer.kind === 'redirect') return `redirect to ${answer.to}`;
  if (answer.kind === 'error') {
    const error = answer.error as { name?: string; message?: string; stack?: string };
    return `threw ${error?.name ?? typeof error}: ${String(error?.message ?? error).slice(0, 300)}\n${error?.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`;
  }
  return `answered ${JSON.stringify(answer.value)?.slice(0, 400)}`;
}

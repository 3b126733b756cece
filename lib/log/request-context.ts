import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one request's log lines share: its id and, once the session is known, the actor's id. The server
 * entry (server.mjs) opens the context around Next.js's handler; the app adds the actor. Kept on globalThis
 * because server.mjs runs outside the app's bundle and both must see the same storage.
 */
export type RequestContext = { requestId: string; actorId?: string; databaseUnavailable?: boolean };

const holder = globalThis as { __clearanceRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (holder.__clearanceRequestContext ??= new AsyncLocalStorage<RequestContext>());

export const currentRequest = (): RequestContext | undefined => storage.getStore();

/** Records the signed-in user's id on this request's log line (never a name or an email). */
export function noteActor(actorId: string): void {
  const context = storage.getStore();
  if (context) context.actorId = actorId;
}

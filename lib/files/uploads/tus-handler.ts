import 'server-only';
import { MemoryLocker, Server, type Upload } from '@tus/server';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '@/lib/dal/audit';
import { authorizeUploadStep, type UploadStep } from '@/lib/dal/files/authorize-upload';
import { AppError } from '@/lib/errors';
import { maxFileBytes } from '@/lib/files/config';
import { FileRefusedError, MESSAGES, type FileRefusal } from '@/lib/files/errors';
import { errorKind, log } from '@/lib/log/logger';
import { ClearanceTusStore, NOT_FOUND } from './tus-store';

/** Where the tus endpoint is mounted (app/api/files/tus/[[...upload]]/route.ts). */
export const TUS_PATH = '/api/files/tus';

// One lock per upload across this process's requests (a resumed PATCH waits for, and ends, a stale one).
const locker = new MemoryLocker();

const STATUS: Record<FileRefusal, number> = {
  type_not_allowed: 415,
  too_large: 413,
  offset_mismatch: 409,
  incomplete: 409,
  not_uploading: 409,
  integrity: 422,
};

const STEPS: Record<string, UploadStep> = { HEAD: 'status', PATCH: 'write', DELETE: 'cancel' };

/** Every "not found" is this one answer, byte for byte: unknown upload, someone else's, no access, no session. */
export function notFoundResponse(): Response {
  return new Response(NOT_FOUND.body, {
    status: 404,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Tus-Resumable': '1.0.0',
    },
  });
}

/** 2 GiB, 500 MiB, 1.5 KiB, 900 bytes: the limit as the uploader reads it. */
export function readableBytes(bytes: number): string {
  const units = ['GiB', 'MiB', 'KiB'] as const;
  for (const [i, unit] of units.entries()) {
    const size = 1024 ** (3 - i);
    if (bytes >= size) return `${Number((bytes / size).toFixed(1)).toLocaleString('en-GB')} ${unit}`;
  }
  return `${bytes} bytes`;
}
const tooLarge = () => `${MESSAGES.too_large} The limit is ${readableBytes(maxFileBytes())}.\n`;

/** Maps what went wrong to an answer the uploader can act on; nothing else about the failure leaves. */
function answerFor(error: unknown): { status_code: number; body: string } {
  if (error instanceof FileRefusedError)
    return {
      status_code: STATUS[error.reason],
      body: error.reason === 'too_large' ? tooLarge() : `${error.message}\n`,
    };
  if (error instanceof AppError)
    return error.code === 'not_found' ? { ...NOT_FOUND } : { status_code: 400, body: `${error.message}\n` };
  const known = error as { status_code?: unknown; body?: unknown };
  if (typeof known?.status_code === 'number' && typeof known.body === 'string') {
    if (known.status_code === 404 || known.status_code === 410) return { ...NOT_FOUND };
    if (known.status_code === 413) return { status_code: 413, body: tooLarge() };
    return { status_code: known.status_code, body: known.body };
  }
  log.error({ event: 'upload.error', ...errorKind(error) });
  return { status_code: 500, body: 'Something went wrong. What was received is kept; try resuming the upload.\n' };
}

/**
 * Answers one tus request (POST create, HEAD status, PATCH append, DELETE cancel) for a signed-in user, whom
 * the route has authenticated (the session re-checked against the database). Each step on an existing upload
 * is authorized and audited before the store is touched; creating one is authorized in the store.
 */
export async function handleTusRequest(request: Request, user: Actor | null, meta: RequestMeta): Promise<Response> {
  if (request.method === 'OPTIONS')
    return new Response(null, {
      status: 204,
      headers: {
        'Tus-Resumable': '1.0.0',
        'Tus-Version': '1.0.0',
        'Tus-Extension': 'creation,creation-with-upload,termination',
        'Tus-Max-Size': String(maxFileBytes()),
        'Cache-Control': 'no-store',
      },
    });
  if (!user) return notFoundResponse();
  const store = new ClearanceTusStore(user, meta);
  const server = new Server({
    path: TUS_PATH,
    datastore: store,
    locker,
    relativeLocation: true,
    maxSize: () => maxFileBytes(),
    // Closing a browser tab mid-upload must not leave the lock held for long.
    lockDrainTimeout: 3000,
    async onIncomingRequest(req, id) {
      const step = STEPS[req.method];
      if (!step) return; // POST: authorized in the store, where the item is known
      if (!(await authorizeUploadStep(user, id, step, meta))) throw NOT_FOUND;
    },
    async onUploadFinish(_req, upload: Upload) {
      const fileId = upload.metadata?.fileId ?? '';
      const done = store.finished ?? (await store.finish(upload.id, fileId));
      return { headers: { 'Clearance-File-Id': done.fileId, 'Clearance-File-Version': done.version } };
    },
    onResponseError: (_req, error) => answerFor(error),
  });
  let response: Response;
  try {
    response = await server.handleWeb(request as Parameters<typeof server.handleWeb>[0]);
  } catch (error) {
    const { status_code, body } = answerFor(error);
    response = new Response(body, { status: status_code });
  }
  if (response.status === 404) return notFoundResponse();
  const headers = new Headers(response.headers);
  headers.set('Cache-Control', 'no-store');
  headers.set('X-Content-Type-Options', 'nosniff');
  if (response.status >= 400) headers.set('Content-Type', 'text/plain; charset=utf-8');
  return new Response(response.body, { status: response.status, headers });
}

import { errorKind, log } from './logger';
import { requestIdFrom } from './request-id';

/** The line for an error a page, route handler or action threw (instrumentation.ts onRequestError). */
export function logRequestError(
  error: unknown,
  request: { method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
) {
  const digest = (error as { digest?: unknown })?.digest;
  log.error({
    event: 'request.error',
    requestId: requestIdFrom(request.headers),
    method: request.method,
    route: context.routePath,
    routeType: context.routeType,
    ...errorKind(error),
    ...(typeof digest === 'string' && /^[\w-]{1,64}$/.test(digest) ? { digest } : {}),
  });
}

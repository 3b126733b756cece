import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { actionOriginAllowed } from '@/lib/security/action-origin';
import { newRequestId, REQUEST_ID_HEADER, requestIdFrom } from '@/lib/log/request-id';
import { contentSecurityPolicy, createNonce, NO_STORE, NONCE_HEADER } from '@/lib/security/headers';

/**
 * Per-request security headers (lib/security/headers.ts has the policy and the reasons). Next.js reads the
 * nonce from the Content-Security-Policy request header and puts it on every script it renders, which is why
 * every page renders dynamically (app/layout.tsx). Only headers are added here, and cross-origin server actions
 * refused: authentication and authorization happen in each page and action, never in the proxy.
 */
export function proxy(request: NextRequest) {
  // The one refusal made here: a server action posted from another origin runs nothing (lib/security/action-origin.ts).
  if (!actionOriginAllowed(request.method, request.headers)) {
    return new NextResponse('Forbidden.', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': NO_STORE },
    });
  }
  const nonce = createNonce();
  const secure = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const policy = contentSecurityPolicy(nonce, { dev: env.development, secure });

  // Replaces whatever a client sent under these names.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  // The server entry sets the request id; keep it (one id per request in every log line), else make one.
  const requestId = requestIdFrom(request.headers) ?? newRequestId();
  requestHeaders.set(REQUEST_ID_HEADER, requestId);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  // File answers (app/api/files) carry their own `sandbox` policy: anything they render inline runs nothing.
  if (!request.nextUrl.pathname.startsWith('/api/files/')) response.headers.set('Content-Security-Policy', policy);
  // Pages, RSC payloads, action results and auth answers may all carry a signed-in user's data.
  response.headers.set('Cache-Control', NO_STORE);
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  // Everything except the build's fingerprinted static files (immutable, cached a year, no user data) and the
  // image optimizer's images. Prefetches are included: they carry page data too.
  // Resumable uploads (api/files/tus) are left out: for a path it runs on, Next.js buffers the request body in
  // memory for the proxy and cuts it at 10 MB; that route sets its own no-store and nosniff headers.
  matcher: ['/((?!_next/static/|_next/image|api/files/tus).*)'],
};

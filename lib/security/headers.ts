/**
 * The security headers of every response, in one place. Two callers, because Next.js serves responses by two
 * routes:
 * - next.config.ts `headers()` adds the fixed headers to every path, including the build's static assets
 *   (/_next/static), which the proxy does not see so that their long-lived immutable caching stays intact;
 * - proxy.ts adds, per request, the Content-Security-Policy with a fresh nonce and `Cache-Control: no-store`
 *   to everything else: every page (signed in or not), RSC payload, server action and /api/auth answer.
 *
 * Plain module (no `server-only`, no path aliases): next.config.ts imports it at build time.
 */

export type Header = { key: string; value: string };

/** Same-for-every-response headers, applied to all paths by next.config.ts. */
export const STATIC_SECURITY_HEADERS: readonly Header[] = [
  // Two years, subdomains included; ignored by browsers over plain http (the local demo), kept by them over https.
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  // For browsers that predate CSP `frame-ancestors`; the CSP says the same.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** What Next.js itself sends for dynamic pages; the proxy sends it for every response it sees. */
export const NO_STORE = 'private, no-cache, no-store, max-age=0, must-revalidate';

/** Where browsers post violation reports (report-uri: sent at once, unlike the batched Reporting API). */
export const CSP_REPORT_PATH = '/api/csp-report';

/** The request header that carries the nonce to server components (Next.js reads the CSP request header itself). */
export const NONCE_HEADER = 'x-nonce';

/** 128 random bits, base64: unpredictable and fresh for every request. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export type CspOptions = {
  /** `next dev` needs eval (React's error overlays) and inline styles (its dev overlay). Never in production. */
  dev?: boolean;
  /** The request arrived over https: then also ask browsers to upgrade any http subresource. */
  secure?: boolean;
};

/**
 * A strict, nonce-based policy (Next.js's recommendation): scripts run only with this response's nonce, and
 * scripts those load ('strict-dynamic'); no inline event handlers, no eval, no plugins, no framing, forms post
 * only to this origin.
 *
 * Styles: the production build loads its CSS from /_next/static (covered by 'self') and Next.js puts the nonce
 * on any <style> it renders, so no 'unsafe-inline' is needed for styles either; the browser test counts CSP
 * violations on every kind of page to keep it that way.
 */
export function contentSecurityPolicy(nonce: string, { dev = false, secure = false }: CspOptions = {}): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
    // Violations are posted at once to app/api/csp-report (which logs their kind, never a URL or content).
    `report-uri ${CSP_REPORT_PATH}`,
  ];
  return directives.join('; ');
}

/**
 * Content-Security-Policy violation reports, summarized for the log (app/api/csp-report): the directive and
 * the blocked source's origin or keyword only. Never a URL's path or query (an injected tag may try to send
 * data out through them) and never the page's address (a password-reset page's address holds its token).
 */

const KEYWORDS = /^(inline|eval|wasm-eval|data|blob|trusted-types-policy|trusted-types-sink)$/;

function sourceOf(blocked: unknown): string {
  const value = typeof blocked === 'string' ? blocked.trim() : '';
  if (value === '') return 'unknown';
  if (KEYWORDS.test(value)) return value;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
  } catch {
    return 'unparsable';
  }
}

/** One line per report, in both formats (report-uri's `csp-report`, and the Reporting API's list). */
export function summarizeCspReport(payload: unknown): string[] {
  const entries = Array.isArray(payload)
    ? payload.map((r) => (r as { body?: unknown })?.body)
    : [(payload as { 'csp-report'?: unknown })?.['csp-report']];
  return entries.flatMap((entry) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const report = entry as Record<string, unknown>;
    const directive = String(
      report['effective-directive'] ?? report.effectiveDirective ?? report['violated-directive'] ?? 'unknown',
    ).match(/^[a-z-]{1,40}/i)?.[0];
    return [`${directive || 'unknown'} ${sourceOf(report['blocked-uri'] ?? report.blockedURL)}`];
  });
}

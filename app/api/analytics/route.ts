/**
 * The stand-in for an analytics beacon: the only "performance and analytics" processing Clearance has. The
 * browser calls it only after that category is accepted (components/privacy/optional-features.ts), which the
 * browser tests use to prove nothing optional loads before consent. It stores nothing.
 */
export async function POST() {
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}

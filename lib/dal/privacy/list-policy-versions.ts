import 'server-only';
import { desc } from 'drizzle-orm';
import { policyVersions } from '@/db/schema';
import { withActor } from '../transaction';
import { type PolicyVersionSummary, inEffect, summaryColumns } from './policy-version-facts';

/** Every version in effect or past, newest first; `includeScheduled` adds those not yet in effect (admins). */
export async function listPolicyVersions(
  options: { includeScheduled?: boolean } = {},
  now = new Date(),
): Promise<PolicyVersionSummary[]> {
  return withActor(null, ({ tx }) =>
    tx
      .select(summaryColumns)
      .from(policyVersions)
      .where(options.includeScheduled ? undefined : inEffect(now))
      .orderBy(desc(policyVersions.version)),
  );
}

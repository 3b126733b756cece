import 'server-only';
import { desc } from 'drizzle-orm';
import { policyVersions } from '@/db/schema';
import { withActor } from '../transaction';
import { type PolicyVersion, inEffect, summaryColumns } from './policy-version-facts';

export async function getCurrentPolicy(now = new Date()): Promise<PolicyVersion | null> {
  const [row] = await withActor(null, ({ tx }) =>
    tx
      .select({ ...summaryColumns, body: policyVersions.body })
      .from(policyVersions)
      .where(inEffect(now))
      .orderBy(desc(policyVersions.version))
      .limit(1),
  );
  return row ?? null;
}

import 'server-only';
import { and, eq } from 'drizzle-orm';
import { policyVersions } from '@/db/schema';
import { withActor } from '../transaction';
import { type PolicyVersion, inEffect, summaryColumns } from './policy-version-facts';

export async function getPolicyVersion(version: number, now = new Date()): Promise<PolicyVersion | null> {
  const [row] = await withActor(null, ({ tx }) =>
    tx
      .select({ ...summaryColumns, body: policyVersions.body })
      .from(policyVersions)
      .where(and(eq(policyVersions.version, version), inEffect(now))),
  );
  return row ?? null;
}

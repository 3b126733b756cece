import 'server-only';
import { lte, max } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { policyVersions } from '@/db/schema';
import { isoDay } from '@/lib/privacy/clocks';

export type PolicyVersion = {
  id: string;
  version: number;
  title: string;
  body: string;
  summary: string;
  effectiveOn: string;
  material: boolean;
  publishedAt: Date;
};
export type PolicyVersionSummary = Omit<PolicyVersion, 'body'>;

export const summaryColumns = {
  id: policyVersions.id,
  version: policyVersions.version,
  title: policyVersions.title,
  summary: policyVersions.summary,
  effectiveOn: policyVersions.effectiveOn,
  material: policyVersions.material,
  publishedAt: policyVersions.publishedAt,
};

export const inEffect = (now: Date) => lte(policyVersions.effectiveOn, isoDay(now));

/** The version in effect: the highest-numbered one whose effective date has come. */
export async function currentPolicyVersionNumber(tx: Executor, now = new Date()): Promise<number | null> {
  const [row] = await tx
    .select({ v: max(policyVersions.version) })
    .from(policyVersions)
    .where(inEffect(now));
  return row?.v ?? null;
}

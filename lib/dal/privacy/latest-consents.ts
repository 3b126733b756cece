import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { consentRecords } from '@/db/schema';
import type { ConsentDecision, ConsentMethod, ConsentPurpose } from '@/lib/vocabulary';

export type Purpose = ConsentPurpose;
export type Method = ConsentMethod;
export type Decision = ConsentDecision;

/** The latest record of each purpose wins: that is the current state (the records themselves never change). */
export async function latest(tx: Executor, where: ReturnType<typeof eq>, purposes: readonly Purpose[]) {
  const rows = await tx
    .select({
      purpose: consentRecords.purpose,
      decision: consentRecords.decision,
      method: consentRecords.method,
      at: consentRecords.createdAt,
    })
    .from(consentRecords)
    .where(and(where, inArray(consentRecords.purpose, [...purposes])))
    .orderBy(desc(consentRecords.createdAt), desc(consentRecords.id));
  const out = new Map<Purpose, { decision: Decision; method: Method; at: Date }>();
  for (const r of rows) if (!out.has(r.purpose)) out.set(r.purpose, r);
  return out;
}

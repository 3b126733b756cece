import 'server-only';
import type { Executor } from '@/db/client';
import { retentionRules } from '@/db/schema';
import { DEFAULT_RETENTION_RULES, type PeriodUnit, type RetentionRuleKey } from '@/lib/privacy/retention-rules';

export type RetentionRule = {
  key: RetentionRuleKey;
  periodValue: number;
  periodUnit: PeriodUnit;
  enabled: boolean;
  updatedAt: Date | null;
};

/** The rules in force; a rule never saved yet runs with its default. */
export async function loadRules(tx: Executor): Promise<RetentionRule[]> {
  const rows = await tx.select().from(retentionRules);
  return DEFAULT_RETENTION_RULES.map((d) => {
    const row = rows.find((r) => r.key === d.key);
    return row
      ? {
          key: d.key,
          periodValue: row.periodValue,
          periodUnit: row.periodUnit,
          enabled: row.enabled,
          updatedAt: row.updatedAt,
        }
      : { ...d, enabled: true, updatedAt: null };
  });
}

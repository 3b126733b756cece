import 'server-only';
import { retentionRules } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { type PeriodUnit, type RetentionRuleKey } from '@/lib/privacy/retention-rules';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadRules } from './load-retention-rules';

export async function updateRetentionRule(
  actor: Actor,
  input: { key: RetentionRuleKey; periodValue: number; periodUnit: PeriodUnit; enabled: boolean },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'retention.manage');
  await withActor(actor, async ({ tx, audit }) => {
    const before = (await loadRules(tx)).find((r) => r.key === input.key)!;
    const values = {
      periodValue: input.periodValue,
      periodUnit: input.periodUnit,
      enabled: input.enabled,
      updatedBy: actor.id,
      updatedAt: now,
    };
    await tx
      .insert(retentionRules)
      .values({ key: input.key, ...values })
      .onConflictDoUpdate({ target: retentionRules.key, set: values });
    audit({
      actorId: actor.id,
      action: 'retention.rule_changed',
      targetType: 'retention_rule',
      outcome: 'allowed',
      details: {
        rule: input.key,
        before: { value: before.periodValue, unit: before.periodUnit, enabled: before.enabled },
        after: { value: input.periodValue, unit: input.periodUnit, enabled: input.enabled },
      },
      meta,
    });
  });
}

import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { auditEvents, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { RetentionRuleKey } from '@/lib/privacy/retention-rules';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export type RetentionRun = {
  id: number;
  startedAt: Date;
  dryRun: boolean;
  via: string;
  by: string;
  rules: { rule: RetentionRuleKey; eligible: number; held: number; removed: number }[];
};

type Details = { dryRun?: boolean; via?: string; startedAt?: string; rules?: RetentionRun['rules'] };

/** The receipts of recent runs, read back from the audit log where they live. */
export async function listRetentionRuns(actor: Actor, limit = 10): Promise<RetentionRun[]> {
  assertAllowed(actor, 'retention.manage');
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        details: auditEvents.details,
        by: sql<string | null>`(select u.name from ${users} u where u.id = ${auditEvents.actorId})`,
      })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'retention.run'))
      .orderBy(desc(auditEvents.id))
      .limit(limit),
  );
  return rows.map((r) => {
    const d = (r.details ?? {}) as Details;
    return {
      id: r.id,
      startedAt: d.startedAt ? new Date(d.startedAt) : r.at,
      dryRun: d.dryRun ?? false,
      via: d.via ?? 'admin',
      by: r.by ?? '—',
      rules: d.rules ?? [],
    };
  });
}

import 'server-only';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { clientAccounts, legalHolds, projectDirectory, retentionRules, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { DEFAULT_RETENTION_RULES, type PeriodUnit, type RetentionRuleKey } from '@/lib/privacy/retention-rules';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

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

export async function listRetentionRules(actor: Actor): Promise<RetentionRule[]> {
  assertAllowed(actor, 'retention.manage');
  return withActor(actor, ({ tx }) => loadRules(tx));
}

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

export type LegalHold = {
  id: string;
  target: string;
  targetType: 'account' | 'project';
  reason: string;
  placedBy: string | null;
  placedAt: Date;
  releasedAt: Date | null;
};

/** Holds, active first. Accounts and projects by codename. */
export async function listLegalHolds(actor: Actor): Promise<LegalHold[]> {
  assertAllowed(actor, 'retention.manage');
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: legalHolds.id,
        account: sql<
          string | null
        >`(select ca.codename from ${clientAccounts} ca where ca.id = ${legalHolds.clientAccountId})`,
        project: sql<
          string | null
        >`(select pd.codename from ${projectDirectory} pd where pd.id = ${legalHolds.projectId})`,
        reason: legalHolds.reason,
        placedBy: sql<string | null>`(select u.name from ${users} u where u.id = ${legalHolds.placedBy})`,
        placedAt: legalHolds.placedAt,
        releasedAt: legalHolds.releasedAt,
      })
      .from(legalHolds)
      .orderBy(sql`${legalHolds.releasedAt} is not null`, desc(legalHolds.placedAt)),
  );
  return rows.map(({ account, project, ...r }) => ({
    ...r,
    target: account ?? project ?? '—',
    targetType: account ? 'account' : 'project',
  }));
}

export type HoldTargets = {
  accounts: { id: string; codename: string }[];
  projects: { id: string; codename: string }[];
};

/** What a hold can be placed on: every client account and project, by codename. */
export async function listHoldTargets(actor: Actor): Promise<HoldTargets> {
  assertAllowed(actor, 'retention.manage');
  return withActor(actor, async ({ tx }) => ({
    accounts: await tx
      .select({ id: clientAccounts.id, codename: clientAccounts.codename })
      .from(clientAccounts)
      .orderBy(asc(clientAccounts.codename)),
    projects: await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .orderBy(asc(projectDirectory.codename)),
  }));
}

export async function placeLegalHold(
  actor: Actor,
  input: { clientAccountId?: string | undefined; projectId?: string | undefined; reason: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'retention.manage');
  const kind = input.clientAccountId ? 'account' : 'project';
  const id = input.clientAccountId ?? input.projectId;
  if (!id) throw invalid('Choose a client account or a project.', { projectId: ['Choose one.'] });
  await withActor(actor, async ({ tx, audit }) => {
    const exists =
      kind === 'account'
        ? (await tx.select({ id: clientAccounts.id }).from(clientAccounts).where(eq(clientAccounts.id, id))).length > 0
        : (await tx.select({ id: projectDirectory.id }).from(projectDirectory).where(eq(projectDirectory.id, id)))
            .length > 0;
    if (!exists) throw notFoundError();
    const [hold] = await tx
      .insert(legalHolds)
      .values({
        clientAccountId: kind === 'account' ? id : null,
        projectId: kind === 'project' ? id : null,
        reason: input.reason,
        placedBy: actor.id,
        placedAt: now,
      })
      .returning({ id: legalHolds.id });
    audit({
      actorId: actor.id,
      action: 'retention.hold_placed',
      targetType: 'legal_hold',
      targetId: hold!.id,
      projectId: kind === 'project' ? id : null,
      outcome: 'allowed',
      details: { on: kind },
      meta,
    });
  });
}

export async function releaseLegalHold(
  actor: Actor,
  input: { holdId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'retention.manage');
  await withActor(actor, async ({ tx, audit }) => {
    const [hold] = await tx
      .update(legalHolds)
      .set({ releasedAt: now, releasedBy: actor.id })
      .where(and(eq(legalHolds.id, input.holdId), isNull(legalHolds.releasedAt)))
      .returning({ id: legalHolds.id });
    if (!hold) throw notFoundError();
    audit({
      actorId: actor.id,
      action: 'retention.hold_released',
      targetType: 'legal_hold',
      targetId: hold.id,
      outcome: 'allowed',
      meta,
    });
  });
}

import 'server-only';
import { and, eq, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import {
  invitations,
  privacyExports,
  privacyFlags,
  privacyRequestCodes,
  privacyRequests,
  sessions,
  users,
} from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { isoDay, retentionCutoff } from '@/lib/privacy/clocks';
import { formatPeriod, type RetentionRuleKey } from '@/lib/privacy/retention-rules';
import { formatRequestRef } from '@/lib/privacy/vocabulary';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { expireEventNeeds, type EventNeedsReport } from '../events/expire-event-needs';
import { eraseSubject } from './erase';
import { loadRules } from './load-retention-rules';

export type RuleReport = {
  rule: RetentionRuleKey;
  period: string;
  enabled: boolean;
  /** Records older than this day are past the period. */
  cutoff: string;
  eligible: number;
  held: number;
  /** Removed or de-identified by this run (always 0 in a dry run: see `eligible - held`). */
  removed: number;
  /** What would go or went, by pseudonymous id, reference or codename; held ones say so. */
  records: string[];
};

export type RunReport = {
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  rules: RuleReport[];
  expiredExportsDropped: number;
  /** Guests' dietary and accessibility needs past their event's own retention days (issue 14). */
  eventNeeds: EventNeedsReport;
};

type Found = { label: string; held: boolean; remove: () => Promise<void> };

/** Client and contractor accounts with no contact since the cutoff and no active access; invitations never accepted. */
async function businessContacts(tx: Tx, cutoff: Date, now: Date): Promise<Found[]> {
  const lastContact = sql`greatest(${users.createdAt}, (select max(s.created_at) from ${sessions} s where s.user_id = ${users.id}))`;
  const people = await tx
    .select({ id: users.id, email: users.email, held: sql<boolean>`retention_user_held(${users.id})` })
    .from(users)
    .where(
      and(
        inArray(users.role, ['client', 'contractor']),
        sql`${lastContact} < ${cutoff.toISOString()}::timestamptz`,
        sql`not exists (select 1 from ${privacyFlags} f where f.user_id = ${users.id} and f.flag = 'erased')`,
        sql`not exists (select 1 from memberships m where m.user_id = ${users.id} and m.revoked_at is null and (m.expires_at is null or m.expires_at > ${now.toISOString()}::timestamptz))`,
      ),
    );
  const invites = await tx
    .select({
      id: invitations.id,
      held: sql<boolean>`coalesce(retention_account_held(${invitations.clientAccountId}), false)`,
    })
    .from(invitations)
    .where(and(isNull(invitations.acceptedAt), lt(invitations.createdAt, cutoff)));
  return [
    ...people.map((p) => ({
      label: `person ${p.id}`,
      held: p.held,
      remove: async () => void (await eraseSubject(tx, { userId: p.id, email: p.email, requestId: null }, now)),
    })),
    ...invites.map((i) => ({
      label: `invitation ${i.id}`,
      held: i.held,
      remove: async () => void (await tx.delete(invitations).where(eq(invitations.id, i.id))),
    })),
  ];
}

/** Project items of closed projects past the cutoff, through the SECURITY DEFINER function of migration 0006. */
async function projectItems(
  tx: Tx,
  rule: 'contract_records' | 'project_content',
  cutoff: Date,
  apply: boolean,
): Promise<Found[]> {
  const rows = rowsOf<{ r_codename: string; r_item_refs: (number | string)[]; r_held: boolean }>(
    await tx.execute(
      sql`select r_codename, r_item_refs, r_held from retention_project_items(${rule}, ${isoDay(cutoff)}::date, ${apply})`,
    ),
  );
  // One entry per item; the function has already deleted the unheld ones when applying.
  return rows.flatMap((r) =>
    r.r_item_refs.map((ref) => ({ label: `${r.r_codename} item #${ref}`, held: r.r_held, remove: async () => {} })),
  );
}

async function unverifiedRequests(tx: Tx, cutoff: Date): Promise<Found[]> {
  const rows = await tx
    .select({ id: privacyRequests.id, ref: privacyRequests.ref })
    .from(privacyRequests)
    .where(
      and(
        eq(privacyRequests.status, 'verifying'),
        isNull(privacyRequests.verifiedAt),
        lt(privacyRequests.receivedAt, cutoff),
      ),
    );
  return rows.map((r) => ({
    label: formatRequestRef(r.ref),
    held: false,
    remove: async () => {
      await tx.delete(privacyRequestCodes).where(eq(privacyRequestCodes.requestId, r.id));
      await tx.delete(privacyExports).where(eq(privacyExports.requestId, r.id));
      await tx.delete(privacyRequests).where(eq(privacyRequests.id, r.id));
    },
  }));
}

/**
 * Runs every enabled retention rule once, in one transaction as the acting administrator. A dry run lists what
 * would go and changes nothing; a real run removes or de-identifies exactly the eligible records, skipping any a
 * legal hold covers. Either way the receipt (rule, cutoff, counts, start and end) goes to the audit log. Running
 * it twice changes nothing the second time: what it removed is no longer there to find.
 */
export async function runRetention(
  actor: Actor,
  options: { dryRun: boolean; via?: 'admin' | 'cli' | 'schedule' },
  meta: RequestMeta,
  now = new Date(),
): Promise<RunReport> {
  assertAllowed(actor, 'retention.manage');
  const startedAt = new Date().toISOString();
  return withActor(actor, async ({ tx, audit }) => {
    const reports: RuleReport[] = [];
    for (const rule of await loadRules(tx)) {
      const cutoff = retentionCutoff(now, rule.periodValue, rule.periodUnit);
      const base = {
        rule: rule.key,
        period: formatPeriod(rule.periodValue, rule.periodUnit),
        enabled: rule.enabled,
        cutoff: isoDay(cutoff),
      };
      if (!rule.enabled) {
        reports.push({ ...base, eligible: 0, held: 0, removed: 0, records: [] });
        continue;
      }
      const found =
        rule.key === 'business_contacts'
          ? await businessContacts(tx, cutoff, now)
          : rule.key === 'unverified_requests'
            ? await unverifiedRequests(tx, cutoff)
            : await projectItems(tx, rule.key, cutoff, !options.dryRun);
      const removable = found.filter((f) => !f.held);
      if (!options.dryRun) for (const f of removable) await f.remove();
      reports.push({
        ...base,
        eligible: found.length,
        held: found.length - removable.length,
        removed: options.dryRun ? 0 : removable.length,
        records: found.map((f) => (f.held ? `${f.label} (held)` : f.label)),
      });
    }
    // Housekeeping outside the rules: a sealed export nobody downloaded is dropped once its link has expired.
    const expired = options.dryRun
      ? []
      : await tx
          .update(privacyExports)
          .set({ payload: null })
          .where(
            and(
              isNotNull(privacyExports.payload),
              or(lte(privacyExports.expiresAt, now), isNotNull(privacyExports.usedAt)),
            ),
          )
          .returning({ id: privacyExports.id });
    const eventNeeds = await expireEventNeeds(tx, now, !options.dryRun);
    const report: RunReport = {
      dryRun: options.dryRun,
      startedAt,
      finishedAt: new Date().toISOString(),
      rules: reports,
      expiredExportsDropped: expired.length,
      eventNeeds,
    };
    audit({
      actorId: actor.id,
      action: 'retention.run',
      targetType: 'retention_run',
      outcome: 'allowed',
      details: {
        dryRun: report.dryRun,
        via: options.via ?? 'admin',
        startedAt: report.startedAt,
        finishedAt: report.finishedAt,
        rules: reports.map(({ records: _records, ...r }) => r),
        expiredExportsDropped: report.expiredExportsDropped,
        eventNeeds: { eligible: eventNeeds.eligible, held: eventNeeds.held, removed: eventNeeds.removed },
      },
      meta,
    });
    return report;
  });
}

import 'server-only';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { allowlistEntries, items, memberships, ndaSignatures, remindersSent, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { formatDate, itemReference } from '@/lib/labels';
import { notify, type NotificationKind } from '../notifications/notify';
import { withActor } from '../transaction';

/*
 * Reminders before access ends (docs/product.md §4: revocation and expiry take effect on the very next request, so
 * people should hear beforehand): 7 days and 1 day before a project grant, a high-risk grant or an NDA expires, the
 * holder and the administrators are told. reminders_sent makes each reminder go out once, however many
 * instances or runs look for it; a changed expiry is a new date and is reminded again.
 */

export const REMINDER_DAYS = [7, 1] as const;
const DAY = 86_400_000;

/** The smallest reminder window the time left falls in (a grant made 12 hours before it ends gets only the 1-day one). */
export function reminderWindow(dueAt: Date, now: Date, windows: readonly number[] = REMINDER_DAYS): number | null {
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return null;
  const fitting = windows.filter((days) => left <= days * DAY);
  return fitting.length ? Math.min(...fitting) : null;
}

/** Claims one reminder: true only for the first caller, across runs and instances (the primary key decides). */
export async function claimReminder(
  tx: Tx,
  kind: string,
  targetId: string,
  dueAt: Date,
  daysBefore: number,
): Promise<boolean> {
  const rows = await tx
    .insert(remindersSent)
    .values({ kind, targetId, dueAt, daysBefore })
    .onConflictDoNothing()
    .returning({ kind: remindersSent.kind });
  return rows.length === 1;
}

export async function activeAdminIds(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.disabledAt)));
  return rows.map((r) => r.id);
}

type Due = {
  id: string;
  holderId: string;
  projectId: string | null;
  dueAt: Date;
  what: (forHolder: boolean, projectLabel: string) => string;
  adminHref: string;
  holderHref: string;
};

async function dueGrants(tx: Tx, now: Date, horizon: Date): Promise<{ kind: string; due: Due }[]> {
  const grants = await tx
    .select({
      id: memberships.id,
      userId: memberships.userId,
      projectId: memberships.projectId,
      expiresAt: memberships.expiresAt,
    })
    .from(memberships)
    .where(and(isNull(memberships.revokedAt), gt(memberships.expiresAt, now), lte(memberships.expiresAt, horizon)));
  const highRisk = await tx
    .select({
      id: allowlistEntries.id,
      userId: allowlistEntries.userId,
      itemId: allowlistEntries.itemId,
      projectId: items.projectId,
      category: items.category,
      ref: items.ref,
      expiresAt: allowlistEntries.expiresAt,
    })
    .from(allowlistEntries)
    .innerJoin(items, eq(items.id, allowlistEntries.itemId))
    .where(
      and(
        eq(allowlistEntries.status, 'active'),
        isNull(allowlistEntries.revokedAt),
        gt(allowlistEntries.expiresAt, now),
        lte(allowlistEntries.expiresAt, horizon),
      ),
    );
  // An NDA re-signed since (a later signature for the same scope) is not ending: only the latest one counts; one a
  // material version superseded already ended (its holder was sent the new text to sign).
  const ndas = await tx
    .select({ id: ndaSignatures.id, userId: ndaSignatures.userId, expiresAt: ndaSignatures.expiresAt })
    .from(ndaSignatures)
    .where(
      and(
        isNull(ndaSignatures.supersededAt),
        gt(ndaSignatures.expiresAt, now),
        lte(ndaSignatures.expiresAt, horizon),
        sql`not exists (
      select 1 from nda_signatures later where later.user_id = ${ndaSignatures.userId}
        and later.client_account_id is not distinct from ${ndaSignatures.clientAccountId}
        and later.signed_at > ${ndaSignatures.signedAt})`,
      ),
    );
  return [
    ...grants.map((g) => ({
      kind: 'membership',
      due: {
        id: g.id,
        holderId: g.userId,
        projectId: g.projectId,
        dueAt: g.expiresAt!,
        what: (mine: boolean, label: string) => (mine ? `Your access to ${label}` : `A grant on ${label}`),
        adminHref: `/admin/projects/${g.projectId}`,
        holderHref: `/projects/${g.projectId}`,
      },
    })),
    ...highRisk.map((h) => ({
      kind: 'allowlist',
      due: {
        id: h.id,
        holderId: h.userId,
        projectId: h.projectId,
        dueAt: h.expiresAt!,
        what: (mine: boolean, label: string) =>
          `${mine ? 'Your high-risk access to' : 'A high-risk grant on'} ${itemReference(h.category, h.ref)} (${label})`,
        adminHref: `/admin/projects/${h.projectId}`,
        holderHref: `/items/${h.itemId}`,
      },
    })),
    ...ndas.map((n) => ({
      kind: 'nda',
      due: {
        id: n.id,
        holderId: n.userId,
        projectId: null,
        dueAt: n.expiresAt!,
        what: (mine: boolean) => (mine ? 'Your NDA' : 'An NDA'),
        adminHref: '/admin/ndas',
        holderHref: '/account',
      },
    })),
  ];
}

const NOTIFICATION: Record<string, NotificationKind> = {
  membership: 'access.expiring',
  allowlist: 'access.expiring',
  nda: 'nda.expiring',
};

/**
 * Sends the reminders that are due, as `actor` (the administrator scheduled work acts as). Returns how many
 * reminders went out; the run is audited when any did. People are named by nobody: the holder reads "your",
 * administrators read "a grant" and follow the link to see whose.
 */
export async function sendExpiryReminders(actor: Actor, now = new Date()): Promise<{ reminders: number }> {
  const horizon = new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY);
  return withActor(actor, async ({ tx, audit }) => {
    const admins = await activeAdminIds(tx);
    let sent = 0;
    const byKind: Record<string, number> = {};
    for (const { kind, due } of await dueGrants(tx, now, horizon)) {
      const window = reminderWindow(due.dueAt, now);
      if (window === null || !(await claimReminder(tx, kind, due.id, due.dueAt, window))) continue;
      const ends = formatDate(due.dueAt);
      await notify(
        tx,
        { kind: NOTIFICATION[kind]!, userIds: [due.holderId, ...admins], projectId: due.projectId, subject: due.id },
        (recipient) => {
          const mine = recipient.id === due.holderId;
          return {
            title: `${due.what(mine, recipient.projectLabel)} ends on ${ends}`,
            body: mine
              ? `${due.what(true, recipient.projectLabel)} ends on ${ends} (UTC). Ask an administrator if you still need it.`
              : `${due.what(false, recipient.projectLabel)} ends on ${ends} (UTC). Renew it before then if it is still needed; otherwise nothing needs doing.`,
            href: mine ? due.holderHref : due.adminHref,
          };
        },
      );
      sent += 1;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    if (sent > 0)
      audit({
        actorId: actor.id,
        action: 'job.expiry_reminders',
        targetType: 'job',
        outcome: 'allowed',
        details: { via: 'schedule', ...byKind },
      });
    return { reminders: sent };
  });
}

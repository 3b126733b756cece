/**
 * Periodic access reviews through the data-access layer (issue 15 points 7-9): a review shows the reviewer each
 * grant in force with its holder's activity; the lead confirms, narrows or revokes, never their own grant (an
 * admin confirms that); what nobody confirmed expires when the window ends, after reminders 7 days and 1 day
 * before; the client shortens the schedule and sees when access was last reviewed. The database restates who may
 * decide, and what a decision may do to a grant.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessReviewDecisions,
  accessReviews,
  allowlistEntries,
  auditEvents,
  memberships,
  notifications,
} from '@/db/schema';
import { rowsOf } from '@/db/client';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { grantMembership } from '@/lib/dal/memberships/grant-membership';
import { getProjectRoster } from '@/lib/dal/clients/get-project-roster';
import { readItem } from '@/lib/dal/items/read-item';
import { decideReviewGrant } from '@/lib/dal/reviews/decide-review-grant';
import { endAccessReview } from '@/lib/dal/reviews/end-access-review';
import { openAccessReview } from '@/lib/dal/reviews/open-access-review';
import { getAccessReview } from '@/lib/dal/reviews/read-access-review';
import { setReviewSchedule } from '@/lib/dal/reviews/set-review-schedule';
import { runAccessReviews } from '@/lib/dal/reviews/run-access-reviews';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;

const DAY = 86_400_000;
const T0 = new Date();
const at = (days: number) => new Date(T0.getTime() + days * DAY);

const grantOf = async (projectId: string, userId: string) =>
  (
    await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.projectId, projectId), eq(memberships.userId, userId)))
  )[0]!;

/** Runs one statement as the application role acting as `userId`, in a transaction that is rolled back. */
async function asApp(userId: string, statement: ReturnType<typeof sql>): Promise<'ok' | 'refused'> {
  const ROLLBACK = new Error('rollback');
  try {
    await database.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearance_app', true)`,
      );
      await tx.execute(statement);
      throw ROLLBACK;
    });
  } catch (error) {
    return error === ROLLBACK ? 'ok' : 'refused';
  }
  return 'ok';
}

/** How many rows a statement changed as the application role acting as `userId` (rolled back); -1 if refused. */
async function changedAsApp(userId: string, statement: ReturnType<typeof sql>): Promise<number> {
  let changed = -1;
  const ROLLBACK = new Error('rollback');
  await database.db
    .transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearance_app', true)`,
      );
      changed = rowsOf(await tx.execute(statement)).length;
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) changed = -1;
    });
  return changed;
}

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});
afterAll(async () => database?.dispose());

describe('an access review', () => {
  it('is opened by an admin or the lead and shows the lead each grant with its holder’s activity; nobody else sees it', async () => {
    await readItem(actors.finn, ids['AURORA-RATE-250K'], meta);
    await readItem(actors.finn, ids['AURORA-DELIVERABLES'], meta);
    // Someone else's high-risk grant, which the lead cannot read under row-level security but must review.
    await database.db.insert(allowlistEntries).values({
      itemId: ids['AURORA-HR-ITINERARY'],
      userId: actors.finn.id,
      grantedBy: actors.ada.id,
      reason: 'Travel cover',
    });
    const { dueAt } = await openAccessReview(actors.ada, { projectId: seeded.projects.aurora }, meta, T0);
    expect(dueAt).toEqual(at(14));
    await expectAppError(
      openAccessReview(actors.sam, { projectId: seeded.projects.aurora }, meta, T0),
      'invalid',
      'A review of this project is already open.',
    );

    const view = (await getAccessReview(actors.sam, seeded.projects.aurora))!;
    expect(view.review?.dueAt).toEqual(at(14));
    const finn = view.grants.find((g) => g.userId === actors.finn.id && g.kind === 'membership')!;
    expect(finn).toMatchObject({ kind: 'membership', scopes: ['deal_terms'], mayDecide: true });
    expect(view.grants.find((g) => g.userId === actors.finn.id && g.kind === 'allowlist')).toMatchObject({
      itemLabel: expect.stringMatching(/^Logistics item #\d+$/),
      mayDecide: true,
    });
    expect(finn.activity.reads).toBeGreaterThanOrEqual(2);
    // Sam's own grants (the lead membership, the high-risk itinerary) are an admin's to confirm.
    expect(view.grants.filter((g) => g.userId === actors.sam.id).every((g) => !g.mayDecide)).toBe(true);
    expect(view.grants.filter((g) => g.userId === actors.sam.id).map((g) => g.kind)).toEqual(
      expect.arrayContaining(['membership', 'allowlist']),
    );

    for (const key of ['finn', 'cora', 'nina', 'oscar', 'nova', 'kai', 'brian'] as const) {
      expect(await getAccessReview(actors[key], seeded.projects.aurora)).toBeNull();
    }
    await expectAppError(openAccessReview(actors.oscar, { projectId: seeded.projects.aurora }, meta, T0), 'not_found');
    expect(await getAccessReview(actors.oscar, seeded.projects.borealis)).not.toBeNull();
  });

  it('takes the lead’s decisions on other people’s grants — never on their own — audited, and tells the holder', async () => {
    const view = (await getAccessReview(actors.sam, seeded.projects.aurora))!;
    const finn = view.grants.find((g) => g.userId === actors.finn.id)!;
    await decideReviewGrant(
      actors.sam,
      { projectId: seeded.projects.aurora, grantKind: 'membership', grantId: finn.id, decision: 'confirmed' },
      meta,
    );
    await expectAppError(
      decideReviewGrant(
        actors.sam,
        { projectId: seeded.projects.aurora, grantKind: 'membership', grantId: finn.id, decision: 'revoked' },
        meta,
      ),
      'invalid',
      'This grant has already been decided in this review.',
    );
    const own = view.grants.find((g) => g.userId === actors.sam.id && g.kind === 'membership')!;
    await expectAppError(
      decideReviewGrant(
        actors.sam,
        { projectId: seeded.projects.aurora, grantKind: 'membership', grantId: own.id, decision: 'confirmed' },
        meta,
      ),
      'invalid',
      'Your own access is confirmed by an administrator, not by you.',
    );
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'review.decide'), eq(auditEvents.outcome, 'denied')));
    expect(denied.at(-1)).toMatchObject({ actorId: actors.sam.id, targetId: actors.sam.id, reason: 'self_grant' });
    await expectAppError(
      decideReviewGrant(
        actors.finn,
        { projectId: seeded.projects.aurora, grantKind: 'membership', grantId: finn.id, decision: 'revoked' },
        meta,
      ),
      'not_found',
    );
    // One scope cannot be narrowed further.
    await expectAppError(
      decideReviewGrant(
        actors.ada,
        {
          projectId: seeded.projects.aurora,
          grantKind: 'membership',
          grantId: own.id,
          decision: 'narrowed',
          scopes: ['creative'],
        },
        meta,
      ),
      'invalid',
    );
    // The admin confirms the lead's own access.
    for (const g of view.grants.filter((g) => g.userId === actors.sam.id)) {
      await decideReviewGrant(
        actors.ada,
        { projectId: seeded.projects.aurora, grantKind: g.kind, grantId: g.id, decision: 'confirmed' },
        meta,
      );
    }
    const allowed = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'review.decide'), eq(auditEvents.outcome, 'allowed')));
    expect(allowed.map((e) => e.targetId)).toEqual(expect.arrayContaining([actors.finn.id, actors.sam.id]));
  });

  it('is restated by the database: only the reviewer decides, never on their own grant, and a decision cannot widen a grant', async () => {
    const [review] = await database.db
      .select()
      .from(accessReviews)
      .where(eq(accessReviews.projectId, seeded.projects.aurora));
    const cora = await grantOf(seeded.projects.aurora, actors.cora.id);
    const sam = await grantOf(seeded.projects.aurora, actors.sam.id);
    const decide = (membershipId: string, decision: string, decidedBy: string | null, scopes: string[] | null = null) =>
      sql`insert into access_review_decisions (review_id, membership_id, decision, decided_by, scopes_after)
          values (${review!.id}, ${membershipId}, ${decision}, ${decidedBy}, ${scopes ? sql`${`{${scopes.join(',')}}`}::text[]` : sql`null`})`;
    expect(await asApp(actors.finn.id, decide(cora.id, 'revoked', actors.finn.id))).toBe('refused');
    expect(await asApp(actors.cora.id, decide(cora.id, 'confirmed', actors.cora.id))).toBe('refused');
    expect(await asApp(actors.sam.id, decide(sam.id, 'confirmed', actors.sam.id))).toBe('refused');
    expect(await asApp(actors.sam.id, decide(cora.id, 'confirmed', actors.ada.id))).toBe('refused');
    expect(await asApp(actors.sam.id, decide(cora.id, 'expired', null))).toBe('refused');
    expect(await asApp(actors.sam.id, decide(cora.id, 'narrowed', actors.sam.id, ['creative', 'deal_terms']))).toBe(
      'refused',
    );
    // Nor can the lead change a grant directly: only a decision, through its trigger.
    expect(
      await changedAsApp(
        actors.sam.id,
        sql`update memberships set scopes = '{creative,deal_terms}' where id = ${cora.id} returning id`,
      ),
    ).toBe(0);
    // Closing can never skip the expiry: the lead closes only once every grant is decided (Cora's is not), and
    // nobody moves a window's end.
    expect(
      await asApp(
        actors.sam.id,
        sql`update access_reviews set closed_at = now(), closed_by = ${actors.sam.id} where id = ${review!.id}`,
      ),
    ).toBe('refused');
    expect(
      await asApp(
        actors.sam.id,
        sql`update access_reviews set due_at = due_at + interval '90 days' where id = ${review!.id}`,
      ),
    ).toBe('refused');
    expect(
      await asApp(
        actors.ada.id,
        sql`update access_reviews set due_at = due_at + interval '90 days' where id = ${review!.id}`,
      ),
    ).toBe('refused');
    expect(await asApp(actors.sam.id, decide(cora.id, 'confirmed', actors.sam.id))).toBe('ok');
    expect((await grantOf(seeded.projects.aurora, actors.cora.id)).scopes).toEqual(['creative']);
  });

  it('narrows a member’s scopes to the ones kept', async () => {
    await grantMembership(
      actors.ada,
      {
        projectId: seeded.projects.aurora,
        userId: actors.oscar.id,
        role: 'member',
        scopes: ['deal_terms', 'logistics'],
      },
      meta,
    );
    const oscar = await grantOf(seeded.projects.aurora, actors.oscar.id);
    await expectAppError(
      decideReviewGrant(
        actors.sam,
        {
          projectId: seeded.projects.aurora,
          grantKind: 'membership',
          grantId: oscar.id,
          decision: 'narrowed',
          scopes: ['deal_terms', 'logistics'],
        },
        meta,
      ),
      'invalid',
    );
    await decideReviewGrant(
      actors.sam,
      {
        projectId: seeded.projects.aurora,
        grantKind: 'membership',
        grantId: oscar.id,
        decision: 'narrowed',
        scopes: ['logistics'],
      },
      meta,
    );
    expect((await grantOf(seeded.projects.aurora, actors.oscar.id)).scopes).toEqual(['logistics']);
    expect(await readItem(actors.oscar, ids['AURORA-RATE-250K'], meta)).toBeNull();
    const told = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, actors.oscar.id), eq(notifications.kind, 'review.decided')));
    expect(told).toHaveLength(1);
  });

  it('reminds the reviewers 7 days and 1 day before its window ends, once each', async () => {
    await openAccessReview(actors.oscar, { projectId: seeded.projects.borealis }, meta, T0);
    const reminders = async () =>
      (
        await database.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.userId, actors.oscar.id), eq(notifications.kind, 'review.reminder')))
      ).length;
    expect((await runAccessReviews(actors.ada, at(3))).reminders).toBe(0);
    expect((await runAccessReviews(actors.ada, at(8))).reminders).toBe(2);
    expect((await runAccessReviews(actors.ada, at(8))).reminders).toBe(0);
    expect((await runAccessReviews(actors.ada, at(13.5))).reminders).toBe(2);
    expect(await reminders()).toBe(2);
  });

  it('lets what nobody confirmed expire when the window ends, and the client sees when access was last reviewed', async () => {
    const cora = await grantOf(seeded.projects.aurora, actors.cora.id);
    expect(cora.revokedAt).toBeNull();
    // Cora's grant was confirmed by the database test's rolled-back insert only: here nobody has confirmed it.
    const result = await runAccessReviews(actors.ada, at(15));
    expect(result.ended).toBe(2);
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect((await grantOf(seeded.projects.aurora, actors.cora.id)).expiresAt!.getTime()).toBeLessThanOrEqual(
      Date.now(),
    );
    expect(await readItem(actors.cora, ids['AURORA-SCRIPT-V2'], meta)).toBeNull();
    // Confirmed grants stand.
    expect(await readItem(actors.finn, ids['AURORA-RATE-250K'], meta)).not.toBeNull();
    expect(await readItem(actors.sam, ids['AURORA-HR-ITINERARY'], meta)).not.toBeNull();
    const expired = await database.db
      .select()
      .from(accessReviewDecisions)
      .where(eq(accessReviewDecisions.decision, 'expired'));
    expect(expired.every((d) => d.decidedBy === null)).toBe(true);

    const roster = (await getProjectRoster(actors.nova, seeded.projects.aurora, at(15)))!;
    expect(roster.review).toMatchObject({
      lastClosedAt: at(15),
      lastClosedBy: null,
      openDueAt: null,
      intervalDays: 90,
    });
    const told = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, actors.cora.id), eq(notifications.kind, 'review.ended')));
    expect(told).toHaveLength(1);
  });

  it('follows the client’s shorter schedule, which only the client sets', async () => {
    await expectAppError(
      setReviewSchedule(actors.kai, { clientAccountId: seeded.clients.nova, days: 7 }, meta),
      'not_found',
    );
    await expectAppError(
      setReviewSchedule(actors.sam, { clientAccountId: seeded.clients.nova, days: 7 }, meta),
      'not_found',
    );
    await setReviewSchedule(actors.nova, { clientAccountId: seeded.clients.nova, days: 30 }, meta);
    expect((await runAccessReviews(actors.ada, at(40))).opened).toBe(0);
    const opened = await runAccessReviews(actors.ada, at(46));
    expect(opened.opened).toBe(1);
    const open = await database.db
      .select()
      .from(accessReviews)
      .where(and(eq(accessReviews.projectId, seeded.projects.aurora), sql`${accessReviews.closedAt} is null`));
    expect(open).toHaveLength(1);
    expect(open[0]!.openedBy).toBeNull();
    expect((await getProjectRoster(actors.nova, seeded.projects.aurora, at(46)))!.review.intervalDays).toBe(30);
  });

  it('can be ended early by an admin only', async () => {
    await expectAppError(endAccessReview(actors.sam, { projectId: seeded.projects.aurora }, meta), 'not_found');
    const { expired } = await endAccessReview(actors.ada, { projectId: seeded.projects.aurora }, meta);
    expect(expired).toBeGreaterThan(0);
    await expectAppError(
      endAccessReview(actors.ada, { projectId: seeded.projects.aurora }, meta),
      'invalid',
      'There is no open review of this project.',
    );
  });
});

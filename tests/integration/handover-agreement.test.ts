/**
 * The hand-over rule three ways (issue 12 finding 3): the policy (`handoverChangeNeedsApproval`), its SQL
 * twin (`handoverChangeNeedsApprovalWhere`) and the database's trigger on `items` agree, for every author
 * (owning client, agency, counterparty client), every starting state and every change. The trigger is asked
 * by attempting the change itself (then rolled back); an approved, unapplied request lets exactly it through.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAccountMembers, clientAccounts, handoverChangeRequests, items, projects, users } from '@/db/schema';
import {
  handoverChangeNeedsApproval,
  handoverChangeNeedsApprovalWhere,
  type ClassifyChange,
} from '@/lib/authz/handover';
import type { Classification } from '@/lib/authz/types';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;

const talent = { id: randomUUID(), kind: 'talent' as const, name: 'Real Talent', codename: 'T-Owner' };
const brand = { id: randomUUID(), kind: 'brand' as const, name: 'Real Brand', codename: 'B-Counterparty' };
const project = {
  id: randomUUID(),
  codename: 'Handover-P',
  clientAccountId: talent.id,
  counterpartyAccountId: brand.id,
};
const authors = {
  owner: { id: randomUUID(), email: 'owner@t.test', name: 'Owner Client', role: 'client' as const },
  staff: { id: randomUUID(), email: 'staff@a.test', name: 'Agency Staff', role: 'staff' as const },
  brand: { id: randomUUID(), email: 'brand@b.test', name: 'Brand Client', role: 'client' as const },
};
const STATES: ClassifyChange[] = [
  { classification: 'high_risk', sharedWithCounterparty: false },
  { classification: 'confidential', sharedWithCounterparty: false },
  { classification: 'confidential', sharedWithCounterparty: true },
];
type ItemCase = { id: string; author: keyof typeof authors; from: ClassifyChange };
const cases: ItemCase[] = (Object.keys(authors) as (keyof typeof authors)[]).flatMap((author) =>
  STATES.map((from) => ({ id: randomUUID(), author, from })),
);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  await db.insert(clientAccounts).values([talent, brand]);
  await db.insert(users).values(Object.values(authors));
  await db.insert(clientAccountMembers).values([
    { userId: authors.owner.id, clientAccountId: talent.id },
    { userId: authors.brand.id, clientAccountId: brand.id },
  ]);
  await db.insert(projects).values(project);
  await db.insert(items).values(
    cases.map((c) => ({
      id: c.id,
      projectId: project.id,
      category: 'logistics' as const,
      classification: c.from.classification as Classification,
      sharedWithCounterparty: c.from.sharedWithCounterparty,
      title: 'Plain title',
      body: 'Plain body',
      authorId: authors[c.author].id,
    })),
  );
});
afterAll(async () => database?.dispose());

const ROLLBACK = new Error('rollback');

/** Whether the database refuses the change: attempted for real, then always rolled back. */
async function triggerRefuses(itemId: string, to: ClassifyChange, approved = false): Promise<boolean> {
  try {
    await database.db.transaction(async (tx) => {
      if (approved) {
        await tx
          .insert(handoverChangeRequests)
          .values({ itemId, projectId: project.id, requestedBy: authors.staff.id, ...to, status: 'approved' });
      }
      await tx.update(items).set(to).where(eq(items.id, itemId));
      throw ROLLBACK;
    });
  } catch (error) {
    if (error === ROLLBACK) return false;
    if (/only with that client/.test(String((error as Error & { cause?: unknown }).cause ?? error))) return true;
    if (/only with that client/.test((error as Error).message)) return true;
    throw error;
  }
  return false;
}

async function twinSays(itemId: string, to: ClassifyChange): Promise<boolean> {
  const rows = await database.db
    .select({ id: items.id })
    .from(items)
    .innerJoin(projects, eq(projects.id, items.projectId))
    .where(and(eq(items.id, itemId), handoverChangeNeedsApprovalWhere(to)));
  return rows.length === 1;
}

describe('policy, SQL twin and trigger agree on which changes need the client', () => {
  it.each(
    cases.flatMap((c) =>
      STATES.map((to) => [`${c.author} · ${JSON.stringify(c.from)} → ${JSON.stringify(to)}`, c, to] as const),
    ),
  )('%s', async (_name, c, to) => {
    const policy = handoverChangeNeedsApproval({ ...c.from, handedOver: c.author === 'owner' }, to);
    expect(await twinSays(c.id, to)).toBe(policy);
    expect(await triggerRefuses(c.id, to)).toBe(policy);
    // With the client's approval of exactly this change, the database lets it through.
    expect(await triggerRefuses(c.id, to, true)).toBe(false);
  });

  it('needs approval somewhere and not everywhere (the table is not trivially one-sided)', () => {
    const answers = cases.flatMap((c) =>
      STATES.map((to) => handoverChangeNeedsApproval({ ...c.from, handedOver: c.author === 'owner' }, to)),
    );
    expect(answers.filter(Boolean)).toHaveLength(3);
  });
});

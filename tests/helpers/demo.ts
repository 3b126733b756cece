/** Lookups over the seeded demo world (docs/product.md §9) for DAL tests. */
import { asc, eq, gt, max } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditEvents, items } from '@/db/schema';
import { DEMO_CANARIES } from '@/db/seed/demo-world';
import { openContent, type ItemContent } from '@/lib/crypto/item-content';
import type { DemoKey } from './actors';

export type Canary = (typeof DEMO_CANARIES)[number];

/** docs/product.md §9 "who sees which canary" (with Nova's credentials and passport hand-overs: Nova and her project's lead). */
export const SEES: Record<DemoKey, readonly Canary[]> = {
  ada: [],
  nina: [],
  sam: [
    'AURORA-RATE-250K',
    'AURORA-DELIVERABLES',
    'AURORA-SHOOT-SCHEDULE',
    'AURORA-HR-ITINERARY',
    'AURORA-SCRIPT-V2',
    'AURORA-CALLNOTES',
    'AURORA-CREDENTIALS',
    'AURORA-PASSPORT',
  ],
  finn: ['AURORA-RATE-250K', 'AURORA-DELIVERABLES'],
  cora: ['AURORA-SCRIPT-V2'],
  oscar: ['BOREALIS-RATE', 'BOREALIS-HR-SECURITY', 'BOREALIS-UNRELEASED'],
  nova: [
    'AURORA-RATE-250K',
    'AURORA-DELIVERABLES',
    'AURORA-SHOOT-SCHEDULE',
    'AURORA-HR-ITINERARY',
    'AURORA-SCRIPT-V2',
    'AURORA-CREDENTIALS',
    'AURORA-PASSPORT',
  ],
  kai: ['BOREALIS-RATE', 'BOREALIS-HR-SECURITY', 'BOREALIS-UNRELEASED'],
  brian: ['AURORA-DELIVERABLES', 'AURORA-SCRIPT-V2'],
};

/** Every item with its content, decrypted where it is stored sealed (tests only: this bypasses the DAL). */
export async function allItemContents(db: Db) {
  const rows = await db
    .select({
      id: items.id,
      title: items.title,
      body: items.body,
      sealed: items.sealed,
      category: items.category,
      projectId: items.projectId,
    })
    .from(items);
  return rows.map((row) => ({ ...row, ...openContent(row) }));
}

/** One item's content, decrypted where sealed. */
export async function itemContent(db: Db, id: string): Promise<ItemContent | null> {
  const [row] = await db
    .select({ id: items.id, title: items.title, body: items.body, sealed: items.sealed })
    .from(items)
    .where(eq(items.id, id));
  return row ? openContent(row) : null;
}

/** Item id by canary string (each seeded title contains its canary). */
export async function itemIdsByCanary(db: Db): Promise<Record<Canary, string>> {
  const all = await allItemContents(db);
  const out: Partial<Record<Canary, string>> = {};
  for (const canary of DEMO_CANARIES) {
    const row = all.find((r) => r.title.endsWith(` ${canary}`));
    if (!row) throw new Error(`no item for ${canary}`);
    out[canary] = row.id;
  }
  return out as Record<Canary, string>;
}

/** The highest audit event id so far; events after it are the ones a call wrote. */
export async function lastAuditId(db: Db): Promise<number> {
  const [row] = await db.select({ id: max(auditEvents.id) }).from(auditEvents);
  return Number(row?.id ?? 0);
}

export async function auditSince(db: Db, afterId: number) {
  return db.select().from(auditEvents).where(gt(auditEvents.id, afterId)).orderBy(asc(auditEvents.id));
}

export async function itemRow(db: Db, id: string) {
  const [row] = await db.select().from(items).where(eq(items.id, id));
  return row ?? null;
}

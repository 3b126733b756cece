import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '@/db/client';

export type ChainReport =
  | { ok: true; events: number; head: { seq: number; hash: string } | null }
  | { ok: false; events: number; brokenAt: { seq: number; id: number }; problem: string };

const GENESIS = '0'.repeat(64);
const BATCH = 2000;

type Row = { id: number; seq: number; prev_hash: string; hash: string; computed: string };

/**
 * Walks the audit chain in `seq` order and names the first broken link: an edited event (its hash no longer
 * matches its content), a deleted one (a gap, or the next event's link points elsewhere) or reordered ones.
 * Runs with the owner's connection (it must see every event, whatever row-level security shows a user).
 * A chain is only as good as its head: record the printed head elsewhere to detect truncation at the end.
 */
export async function verifyAuditChain(db: Executor): Promise<ChainReport> {
  let expectedSeq = 1;
  let previousHash = GENESIS;
  let events = 0;
  let head: { seq: number; hash: string } | null = null;
  for (;;) {
    const rows = rowsOf<Row>(
      await db.execute(sql`select a.id, a.seq, a.prev_hash, a.hash, audit_event_hash(a) as computed
        from audit_events a where a.seq >= ${expectedSeq} order by a.seq limit ${BATCH}`),
    ).map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }));
    for (const row of rows) {
      const at = { seq: row.seq, id: row.id };
      if (row.seq !== expectedSeq)
        return { ok: false, events, brokenAt: at, problem: `event ${expectedSeq} is missing` };
      if (row.prev_hash !== previousHash)
        return { ok: false, events, brokenAt: at, problem: 'links to a different previous event' };
      if (row.computed !== row.hash)
        return { ok: false, events, brokenAt: at, problem: 'content does not match its hash' };
      previousHash = row.hash;
      expectedSeq += 1;
      events += 1;
      head = { seq: row.seq, hash: row.hash };
    }
    if (rows.length < BATCH) break;
  }
  const [stray] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from audit_events where seq < 1`),
  );
  if (stray && stray.n > 0)
    return { ok: false, events, brokenAt: { seq: 0, id: 0 }, problem: 'events outside the chain' };
  return { ok: true, events, head };
}

import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { contentColumns } from '@/lib/crypto/item-content';
import { currentMasterKeyId, rewrap, type Sealed } from '@/lib/crypto/envelope';
import { recordAudit } from '@/lib/dal/audit';

/*
 * Master-key rotation (`npm run keys:rotate`). Every envelope's data key is re-wrapped under the current
 * CLEARANCE_MASTER_KEY, reading old envelopes with CLEARANCE_PREVIOUS_MASTER_KEYS; ciphertexts are untouched.
 *
 * Work goes in batches, one transaction each, over the rows still under another key, so an interrupted run
 * loses at most its open batch and the next run carries on where it stopped. Rows are locked while re-wrapped,
 * so the application (already running with the new key and the old ones as previous) can keep writing.
 *
 * This is an operator's command, like a migration: it runs as the connection's own role, not as the
 * application role, because it must reach every row whatever row-level security would show one user.
 */

/** A table holding envelopes made with `seal()`. Add one here when a feature stores sealed data. */
export type SealedTarget = {
  table: string;
  /** The primary key column, or columns for a composite key (profile_fields: profile and field). */
  id: string | readonly string[];
  /** Columns holding envelopes (jsonb, json or text with the envelope's JSON), nullable. */
  columns: readonly string[];
  /**
   * A column naming the master key of every envelope in the row, set by the application when it seals
   * (indexed, so finding the rows to rotate is cheap). Without it, each envelope's own `kid` is compared.
   */
  keyIdColumn?: string;
};

export const SEALED_TARGETS: readonly SealedTarget[] = [
  { table: 'items', id: 'id', columns: ['sealed', 'secret_sealed'], keyIdColumn: 'key_id' },
  // Two-factor secrets (lib/dal/account/second-factor-secrets.ts): not rotating them would lock their owners out.
  { table: 'two_factor_secrets', id: 'id', columns: ['secret'] },
  // Access and portability exports waiting to be downloaded (lib/dal/privacy/exports.ts).
  { table: 'privacy_exports', id: 'id', columns: ['payload'] },
  // Email bodies in the outbox (lib/dal/outbox/queue-email.ts): a pending one must still open to be sent.
  { table: 'outbox_emails', id: 'id', columns: ['sealed'] },
  // Files (issue 13): sealed names, and each version's data key (and an unfinished upload's hash state).
  // Re-wrapping a data key leaves the file's encrypted chunks, in the database or S3, untouched.
  { table: 'files', id: 'id', columns: ['name_sealed'], keyIdColumn: 'key_id' },
  { table: 'file_versions', id: 'id', columns: ['data_key', 'hash_state'], keyIdColumn: 'key_id' },
  // Events (issue 14): an event's venue, access and security arrangements, and guests' dietary and accessibility needs.
  { table: 'event_venues', id: 'event_id', columns: ['sealed'], keyIdColumn: 'key_id' },
  { table: 'guest_needs', id: 'guest_id', columns: ['sealed'], keyIdColumn: 'key_id' },
  // Profiles (issue 14): the sealed fields (rates, date of birth, contact details); other fields have no envelope.
  { table: 'profile_fields', id: ['profile_id', 'field'], columns: ['sealed'], keyIdColumn: 'key_id' },
];

export type RotationReport = {
  keyId: string;
  /** High-risk or credentials items found in plaintext (written before encryption at rest) and sealed now. */
  sealed: number;
  rewrapped: number;
  batches: number;
  /** Rows still under another key: 0 once the rotation is complete. */
  remaining: number;
};

const id = (name: string) => sql.identifier(name);
const keyColumns = (target: SealedTarget): readonly string[] =>
  typeof target.id === 'string' ? [target.id] : target.id;

/** Rows of a target with an envelope under a key other than `keyId`. */
function staleWhere(target: SealedTarget, keyId: string): SQL {
  // A key-id column is null where the row has no envelope (profile fields that are not sealed).
  if (target.keyIdColumn) return sql`${id(target.keyIdColumn)} <> ${keyId}`;
  const stale = target.columns.map((c) => sql`(${id(c)} is not null and (${id(c)}::jsonb ->> 'kid') <> ${keyId})`);
  return sql.join(stale, sql` or `);
}

const parse = (value: unknown): Sealed => (typeof value === 'string' ? JSON.parse(value) : value) as Sealed;

/** Re-wraps one batch of a target; answers how many rows it changed. */
async function rewrapBatch(db: Db, target: SealedTarget, keyId: string, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    const keys = keyColumns(target);
    const columns = sql.join([...keys.map(id), ...target.columns.map(id)], sql`, `);
    const rows = rowsOf<Record<string, unknown>>(
      await tx.execute(sql`select ${columns} from ${id(target.table)} where ${staleWhere(target, keyId)}
        order by ${sql.join(keys.map(id), sql`, `)} limit ${batchSize} for update`),
    );
    for (const row of rows) {
      const present = target.columns.filter((c) => row[c] !== null && row[c] !== undefined);
      const sets = present.map((c) => {
        const value = row[c];
        let wrapped: Sealed;
        try {
          wrapped = rewrap(parse(value));
        } catch (error) {
          const kid = parse(value).kid;
          throw new Error(
            `${target.table} ${keys.map((k) => String(row[k])).join('/')}: its ${c} is under master key ${kid}, which is neither CLEARANCE_MASTER_KEY ` +
              `nor in CLEARANCE_PREVIOUS_MASTER_KEYS (${error instanceof Error ? error.message : 'unreadable'}).`,
          );
        }
        return sql`${id(c)} = ${JSON.stringify(wrapped)}::jsonb`;
      });
      if (target.keyIdColumn) sets.push(sql`${id(target.keyIdColumn)} = ${keyId}`);
      const match = sql.join(
        keys.map((k) => sql`${id(k)} = ${row[k]}`),
        sql` and `,
      );
      await tx.execute(sql`update ${id(target.table)} set ${sql.join(sets, sql`, `)} where ${match}`);
    }
    return rows.length;
  });
}

const LEGACY_ITEMS = sql`sealed is null and (classification = 'high_risk' or category = 'credentials')`;

/** Seals one batch of high-risk or credentials items still stored in plaintext; answers how many. */
async function sealLegacyBatch(db: Db, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = rowsOf<{ id: string; title: string; body: string }>(
      await tx.execute(
        sql`select id, title, body from items where ${LEGACY_ITEMS} order by id limit ${batchSize} for update`,
      ),
    );
    for (const row of rows) {
      const c = contentColumns(row.id, { title: row.title, body: row.body }, true);
      await tx.execute(sql`update items set title = null, body = null, sealed = ${JSON.stringify(c.sealed)}::jsonb,
        key_id = ${c.keyId} where id = ${row.id}`);
    }
    return rows.length;
  });
}

async function countStale(db: Db, targets: readonly SealedTarget[], keyId: string): Promise<number> {
  const [legacy] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from items where ${LEGACY_ITEMS}`),
  );
  let total = Number(legacy?.n ?? 0);
  for (const target of targets) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from ${id(target.table)} where ${staleWhere(target, keyId)}`),
    );
    total += Number(row?.n ?? 0);
  }
  return total;
}

/**
 * Brings every envelope under the current master key. `maxBatches` stops early (the run is resumable);
 * `onBatch` reports progress.
 */
export async function rotateMasterKey(
  db: Db,
  options: {
    batchSize?: number;
    maxBatches?: number;
    targets?: readonly SealedTarget[];
    onBatch?: (done: number) => void;
  } = {},
): Promise<RotationReport> {
  const keyId = currentMasterKeyId();
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  // A target whose table this database does not have (yet) is skipped.
  const targets: SealedTarget[] = [];
  for (const target of options.targets ?? SEALED_TARGETS) {
    const [found] = rowsOf<{ present: boolean }>(
      await db.execute(sql`select to_regclass(${target.table}) is not null as present`),
    );
    if (found?.present) targets.push(target);
  }
  const report: RotationReport = { keyId, sealed: 0, rewrapped: 0, batches: 0, remaining: 0 };

  while (report.batches < maxBatches) {
    const n = await sealLegacyBatch(db, batchSize);
    if (n === 0) break;
    report.sealed += n;
    report.batches++;
    options.onBatch?.(report.sealed + report.rewrapped);
  }
  for (const target of targets) {
    while (report.batches < maxBatches) {
      const n = await rewrapBatch(db, target, keyId, batchSize);
      if (n === 0) break;
      report.rewrapped += n;
      report.batches++;
      options.onBatch?.(report.sealed + report.rewrapped);
    }
  }
  report.remaining = await countStale(db, targets, keyId);
  // On the record like any security-relevant act: which key, how much, and whether it is complete.
  await recordAudit(db, {
    actorId: null,
    action: 'keys.rotate',
    targetType: 'system',
    outcome: 'allowed',
    details: { ...report },
  });
  return report;
}

import 'server-only';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { fileChunks } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '@/lib/dal/transaction';
import { refused } from '../errors';
import { chunkDataB64, fromB64 } from './chunk-sql';
import type { BlobDriver, VersionRow } from './types';

/**
 * The embedded store (default): sealed chunks stay in `file_chunks`, under row-level security, so `npm run demo`
 * needs nothing more. Reads go in short transactions as the acting user (PGlite has one connection).
 */
export const databaseDriver: BlobDriver = {
  kind: 'database',
  begin: async () => null,
  drain: async () => {},
  async readChunks(actor: Actor, version: VersionRow, first: number, count: number) {
    const rows = await withActor(actor, ({ tx }) =>
      tx
        .select({ idx: fileChunks.idx, data: chunkDataB64 })
        .from(fileChunks)
        .where(and(eq(fileChunks.blobKey, version.blobKey), gte(fileChunks.idx, first), lt(fileChunks.idx, first + count)))
        .orderBy(asc(fileChunks.idx)),
    );
    // A missing chunk (or one the actor may no longer see) is never papered over.
    if (rows.length !== count || rows.some((r, i) => r.idx !== first + i)) throw refused('integrity');
    return rows.map((r) => fromB64(r.data));
  },
  remove: async () => {},
};

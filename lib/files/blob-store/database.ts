import 'server-only';
import { and, eq } from 'drizzle-orm';
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
    // One chunk per query, the batch in one short transaction as the actor: a chunk arrives as a 1.4 MiB base64
    // string, which V8 allocates in its large-object space; four of them per query, held together in the
    // driver's result, let a 1 GiB download grow the process by 118-144 MiB before a full collection caught up,
    // one at a time (each turned into bytes before the next is fetched) by 87-90 MiB
    // (tests/integration/files-memory.test.ts). One transaction, not one per chunk: PGlite pays for each.
    return withActor(actor, async ({ tx }) => {
      const chunks: Buffer[] = [];
      for (let idx = first; idx < first + count; idx++) {
        const [row] = await tx
          .select({ data: chunkDataB64 })
          .from(fileChunks)
          .where(and(eq(fileChunks.blobKey, version.blobKey), eq(fileChunks.idx, idx)));
        // A missing chunk (or one the actor may no longer see) is never papered over.
        if (!row) throw refused('integrity');
        chunks.push(fromB64(row.data));
      }
      return chunks;
    });
  },
  remove: async () => {},
};

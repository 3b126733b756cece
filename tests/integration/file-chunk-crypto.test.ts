/**
 * The chunked file encryption (lib/files/chunk-crypto.ts, issue 13): round trips at the sizes that matter
 * (empty, one byte, a chunk boundary and either side of it, 100 MiB streamed through without being held), and
 * every tampering with the chunk sequence refused: reordered, swapped with another file's or version's chunks,
 * truncated, extended, bit-flipped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ChunkIntegrityError,
  chunkCount,
  decryptChunks,
  encryptChunks,
  newDataKey,
  openDataKey,
  type ChunkContext,
} from '@/lib/files/chunk-crypto';

const SMALL = 1024; // a small chunk size keeps the boundary cases quick; the construction is the same
const ctx: ChunkContext = { fileId: 'f-1', versionId: 'v-1' };
const key = randomBytes(32);

async function* pieces(data: Buffer, piece = 333) {
  for (let i = 0; i < data.length; i += piece) yield data.subarray(i, i + piece);
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const x of source) out.push(x);
  return out;
}

async function* replay(chunks: Buffer[]) {
  yield* chunks;
}

const sealAll = (data: Buffer, context = ctx, k = key) => collect(encryptChunks(k, context, pieces(data), SMALL));
const openAll = async (chunks: Buffer[], context = ctx, k = key) =>
  Buffer.concat(await collect(decryptChunks(k, context, replay(chunks))));

describe('round trips', () => {
  for (const size of [0, 1, SMALL - 1, SMALL, SMALL + 1, 3 * SMALL, 5 * SMALL + 7]) {
    it(`${size} bytes`, async () => {
      const data = randomBytes(size);
      const chunks = await sealAll(data);
      expect(chunks).toHaveLength(chunkCount(size, SMALL));
      expect(await openAll(chunks)).toEqual(data);
      // No chunk carries its plaintext.
      if (size >= 16) for (const c of chunks) expect(c.includes(data.subarray(0, 16))).toBe(false);
    });
  }

  it('100 MiB streamed with the real chunk size, never held whole', async () => {
    const total = 100 * 1024 * 1024;
    const hashIn = createHash('sha256');
    const hashOut = createHash('sha256');
    let produced = 0;
    async function* source() {
      while (produced < total) {
        const piece = randomBytes(Math.min(256 * 1024 + 17, total - produced));
        produced += piece.length;
        hashIn.update(piece);
        yield piece;
      }
    }
    let out = 0;
    for await (const plain of decryptChunks(key, ctx, encryptChunks(key, ctx, source()))) {
      out += plain.length;
      hashOut.update(plain);
    }
    expect(out).toBe(total);
    expect(hashOut.digest('hex')).toBe(hashIn.digest('hex'));
  });
});

describe('tampering is refused', () => {
  const data = randomBytes(4 * SMALL + 10); // five chunks
  const refused = (chunks: Buffer[], context = ctx, k = key) =>
    expect(openAll(chunks, context, k)).rejects.toBeInstanceOf(ChunkIntegrityError);

  it('reordered chunks', async () => {
    const c = await sealAll(data);
    await refused([c[1]!, c[0]!, ...c.slice(2)]);
  });

  it('chunks swapped in from another file or another version (same key even)', async () => {
    const c = await sealAll(data);
    const otherFile = await sealAll(data, { fileId: 'f-2', versionId: 'v-1' });
    const otherVersion = await sealAll(data, { fileId: 'f-1', versionId: 'v-2' });
    await refused([c[0]!, otherFile[1]!, ...c.slice(2)]);
    await refused([c[0]!, otherVersion[1]!, ...c.slice(2)]);
    await refused(otherFile); // a whole file presented as another
  });

  it('truncated: the last chunk or more cut off, or nothing at all', async () => {
    const c = await sealAll(data);
    await refused(c.slice(0, -1));
    await refused(c.slice(0, 2));
    await refused([]);
  });

  it('extended past the last chunk, or a chunk repeated', async () => {
    const c = await sealAll(data);
    await refused([...c, c[4]!]);
    await refused([c[0]!, c[0]!, ...c.slice(1)]);
  });

  it('a flipped bit anywhere: nonce, ciphertext or tag', async () => {
    const c = await sealAll(data);
    for (const at of [0, 12, 500, c[2]!.length - 1]) {
      const bad = c.map((x) => Buffer.from(x));
      bad[2]![at]! ^= 0x01;
      await refused(bad);
    }
  });

  it('the wrong data key', async () => {
    await refused(await sealAll(data), ctx, randomBytes(32));
  });
});

describe('data keys', () => {
  it('are sealed by the master key and bound to their version', () => {
    const { key: k, sealed } = newDataKey('v-9');
    expect(JSON.stringify(sealed)).not.toContain(k.toString('base64'));
    expect(openDataKey('v-9', sealed)).toEqual(k);
    expect(() => openDataKey('v-10', sealed)).toThrow();
  });
});

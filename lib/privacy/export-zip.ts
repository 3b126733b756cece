/**
 * The export's ZIP, written by fflate as a stream: each entry is pushed through as its bytes arrive and the
 * archive's bytes are handed on at once, so a person's multi-gigabyte uploads are never held in memory (the
 * caller pulls the next piece only when the response has taken the last one). Pure: no database here.
 *
 * fflate writes classic ZIP (no ZIP64): no entry may pass 4 GiB, nor the whole archive. Entries that would are
 * left out by the caller (`fitsInArchive`) and the export says so.
 */
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';

export type ZipSource =
  /** Small documents (JSON, HTML, text): deflated. */
  | { path: string; text: string }
  /** A person's file: stored as is (media and PDFs are compressed already), streamed chunk by chunk. */
  | { path: string; size: number; open: () => AsyncIterable<Uint8Array> };

/** The most a classic ZIP can hold, less room for the headers and the central directory. */
export const ZIP_LIMIT_BYTES = 0xffff_ffff - 64 * 1024 * 1024;

/** Whether `size` more bytes of stored file still fit in an archive already holding `used` bytes of stored files. */
export const fitsInArchive = (used: number, size: number): boolean => used + size <= ZIP_LIMIT_BYTES;

/**
 * The archive's bytes, in order. A source that fails (a chunk that does not decrypt, a hash that does not
 * match) makes the generator throw: the response is cut off and the download fails, never a quiet, corrupt ZIP.
 */
export async function* zipStream(sources: Iterable<ZipSource>, modifiedAt: Date): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  let ended = false;
  const zip = new Zip((error, data, final) => {
    if (error) failure = error;
    else out.push(data);
    if (final) ended = true;
  });
  const drain = function* () {
    if (failure) throw failure;
    while (out.length > 0) yield out.shift()!;
  };
  try {
    for (const source of sources) {
      if ('text' in source) {
        const entry = new ZipDeflate(source.path, { level: 6 });
        entry.mtime = modifiedAt;
        zip.add(entry);
        entry.push(strToU8(source.text), true);
        yield* drain();
        continue;
      }
      const entry = new ZipPassThrough(source.path);
      entry.mtime = modifiedAt;
      zip.add(entry);
      let written = 0;
      for await (const piece of source.open()) {
        written += piece.length;
        entry.push(piece, false);
        yield* drain();
      }
      if (written !== source.size)
        throw new Error(`export: ${source.path} gave ${written} bytes, expected ${source.size}`);
      entry.push(new Uint8Array(0), true);
      yield* drain();
    }
    zip.end();
    yield* drain();
    if (!ended) throw new Error('export: the ZIP did not end');
  } catch (error) {
    zip.terminate();
    throw error;
  }
}

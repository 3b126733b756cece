import 'server-only';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { fileChunks, fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '@/lib/dal/transaction';
import { CHUNK_OVERHEAD, chunkCount } from '../chunk-crypto';
import { s3Config, type S3Config } from '../config';
import { refused } from '../errors';
import { chunkDataB64, fromB64 } from './chunk-sql';
import type { BlobDriver, VersionRow } from './types';

/*
 * The scale-out store: any S3-compatible service through the AWS SDK. One object per version, named by its
 * random blob key (no item, file or person in the name), written as one multipart upload that spans the
 * upload's requests: chunks are staged in the database (under RLS, sealed) until a part's worth has arrived, then
 * sent as a part; the upload id and parts sent are kept in the version's `store_state`, so a resumed upload
 * carries on. Every part but the last is PART_CHUNKS sealed chunks, just over the 5 MiB minimum of S3 (small parts
 * keep the memory a part needs small). Sealed chunks have a fixed length, so a byte range of the plaintext maps
 * to a byte range of the object (ranged GET).
 */

export const PART_CHUNKS = 5;

type S3State = { uploadId: string; parts: { n: number; etag: string }[] };

let cached: { config: S3Config; client: S3Client } | null = null;

export function s3Client(): { config: S3Config; client: S3Client } {
  const config = s3Config();
  if (cached && JSON.stringify(cached.config) === JSON.stringify(config)) return cached;
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    // A self-hosted S3-compatible store is addressed by path, not by bucket sub-domain.
    forcePathStyle: Boolean(config.endpoint),
    credentials:
      config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
  });
  cached = { config, client };
  return cached;
}

export const objectName = (blobKey: string) => `${s3Client().config.prefix}${blobKey}`;

const stateOf = (version: VersionRow): S3State => {
  const state = version.storeState as S3State | null;
  if (!state?.uploadId) throw refused('integrity');
  return state;
};

/** Staged sealed chunks [first, end) of a version, read as the uploader. */
async function staged(actor: Actor, blobKey: string, first: number, end: number): Promise<Buffer[]> {
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({ idx: fileChunks.idx, data: chunkDataB64 })
      .from(fileChunks)
      .where(and(eq(fileChunks.blobKey, blobKey), gte(fileChunks.idx, first), lt(fileChunks.idx, end)))
      .orderBy(asc(fileChunks.idx)),
  );
  if (rows.length !== end - first || rows.some((r, i) => r.idx !== first + i)) throw refused('integrity');
  return rows.map((r) => fromB64(r.data));
}

/** Sends chunks [first, end) as part `n`, then records it and drops the staged copies in one transaction. */
async function sendPart(
  actor: Actor,
  version: VersionRow,
  state: S3State,
  n: number,
  first: number,
  end: number,
): Promise<S3State> {
  const { config, client } = s3Client();
  const body = Buffer.concat(await staged(actor, version.blobKey, first, end));
  const sent = await client.send(
    new UploadPartCommand({
      Bucket: config.bucket,
      Key: objectName(version.blobKey),
      UploadId: state.uploadId,
      PartNumber: n,
      Body: body,
    }),
  );
  const next: S3State = { ...state, parts: [...state.parts.filter((p) => p.n !== n), { n, etag: sent.ETag ?? '' }] };
  await withActor(actor, async ({ tx }) => {
    await tx.update(fileVersions).set({ storeState: next }).where(eq(fileVersions.id, version.id));
    await tx
      .delete(fileChunks)
      .where(and(eq(fileChunks.blobKey, version.blobKey), gte(fileChunks.idx, first), lt(fileChunks.idx, end)));
  });
  return next;
}

/**
 * Sealed chunks [first, first + count) of a ready version, by a ranged GET of its object. Needs no acting user:
 * the object store has no row-level security, so every caller has authorized the read first (the driver's
 * `readChunks`, or the access export's link, lib/dal/privacy/export-files.ts).
 */
export async function readObjectChunks(
  version: Pick<VersionRow, 'blobKey' | 'size' | 'chunkSize'>,
  first: number,
  count: number,
): Promise<Buffer[]> {
  const size = version.size ?? 0;
  const sealedChunk = version.chunkSize + CHUNK_OVERHEAD;
  const total = size + CHUNK_OVERHEAD * chunkCount(size, version.chunkSize);
  const start = first * sealedChunk;
  const end = Math.min((first + count) * sealedChunk, total);
  const { config, client } = s3Client();
  const got = await client.send(
    new GetObjectCommand({
      Bucket: config.bucket,
      Key: objectName(version.blobKey),
      Range: `bytes=${start}-${end - 1}`,
    }),
  );
  const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? new Uint8Array());
  if (bytes.length !== end - start) throw refused('integrity');
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += sealedChunk) chunks.push(bytes.subarray(at, at + sealedChunk));
  if (chunks.length !== count) throw refused('integrity');
  return chunks;
}

export const s3Driver: BlobDriver = {
  kind: 's3',

  async begin(blobKey) {
    const { config, client } = s3Client();
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: config.bucket, Key: objectName(blobKey) }),
    );
    if (!created.UploadId) throw new Error('The S3 store did not start a multipart upload.');
    return { uploadId: created.UploadId, parts: [] } satisfies S3State;
  },

  async drain(actor, version, final) {
    let state = stateOf(version);
    const perPart = PART_CHUNKS * version.chunkSize;
    // A part goes once a byte past it has arrived: until then its last chunk may still be the file's last.
    while (version.received > (state.parts.length + 1) * perPart) {
      const n = state.parts.length + 1;
      state = await sendPart(actor, version, state, n, (n - 1) * PART_CHUNKS, n * PART_CHUNKS);
    }
    if (!final) return;
    const n = state.parts.length + 1;
    state = await sendPart(
      actor,
      version,
      state,
      n,
      (n - 1) * PART_CHUNKS,
      chunkCount(version.received, version.chunkSize),
    );
    const { config, client } = s3Client();
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: config.bucket,
        Key: objectName(version.blobKey),
        UploadId: state.uploadId,
        MultipartUpload: {
          Parts: [...state.parts].sort((a, b) => a.n - b.n).map((p) => ({ PartNumber: p.n, ETag: p.etag })),
        },
      }),
    );
  },

  readChunks: (_actor, version, first, count) => readObjectChunks(version, first, count),

  async remove(blobKey, storeState) {
    const { config, client } = s3Client();
    const uploadId = (storeState as S3State | null)?.uploadId;
    // An unfinished upload holds parts that are not an object yet: abort it (fails harmlessly once completed).
    if (uploadId) {
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: config.bucket, Key: objectName(blobKey), UploadId: uploadId }))
        .catch(() => undefined);
    }
    await client.send(new DeleteObjectCommand({ Bucket: config.bucket, Key: objectName(blobKey) }));
  },
};

/** Every blob in the bucket under the prefix, and unfinished multipart uploads, for the orphan sweep. */
export async function* listS3Blobs(): AsyncGenerator<{ blobKey: string; uploadId?: string; lastModified?: Date }> {
  const { config, client } = s3Client();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: config.bucket, Prefix: config.prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? [])
      if (o.Key) yield { blobKey: o.Key.slice(config.prefix.length), lastModified: o.LastModified };
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  // Not every S3-compatible store lists multipart uploads; those that do not simply have none swept here.
  const uploads = await client
    .send(new ListMultipartUploadsCommand({ Bucket: config.bucket, Prefix: config.prefix }))
    .catch(() => null);
  for (const u of uploads?.Uploads ?? []) {
    if (u.Key && u.UploadId)
      yield { blobKey: u.Key.slice(config.prefix.length), uploadId: u.UploadId, lastModified: u.Initiated };
  }
}

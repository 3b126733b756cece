import 'server-only';
import { env } from '@/lib/env';

/*
 * File storage settings, read from the configuration (lib/env.ts; README: Files).
 *   CLEARANCE_BLOB_STORE       database (default: encrypted chunks in the database) | s3
 *   CLEARANCE_MAX_FILE_BYTES   the size limit of one file version, default 2 GiB
 *   CLEARANCE_S3_BUCKET, CLEARANCE_S3_REGION (default us-east-1), CLEARANCE_S3_ENDPOINT (any S3-compatible
 *   store; path-style addressing then), CLEARANCE_S3_ACCESS_KEY_ID, CLEARANCE_S3_SECRET_ACCESS_KEY,
 *   CLEARANCE_S3_PREFIX (object name prefix, default "files/")
 */

export type BlobStoreKind = 'database' | 's3';

export function blobStoreKind(): BlobStoreKind {
  return env.blobStore;
}

export function maxFileBytes(): number {
  return env.maxFileBytes;
}

export type S3Config = {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  prefix: string;
};

export function s3Config(): S3Config {
  const { bucket, ...rest } = env.s3;
  if (!bucket) throw new Error('CLEARANCE_BLOB_STORE=s3 needs CLEARANCE_S3_BUCKET.');
  return { bucket, ...rest };
}

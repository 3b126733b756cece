import 'server-only';

/*
 * File storage settings from the environment (README: Files).
 *   CLEARANCE_BLOB_STORE       database (default: encrypted chunks in the database) | s3
 *   CLEARANCE_MAX_FILE_BYTES   the size limit of one file version, default 2 GiB
 *   CLEARANCE_S3_BUCKET, CLEARANCE_S3_REGION (default us-east-1), CLEARANCE_S3_ENDPOINT (any S3-compatible
 *   store; path-style addressing then), CLEARANCE_S3_ACCESS_KEY_ID, CLEARANCE_S3_SECRET_ACCESS_KEY,
 *   CLEARANCE_S3_PREFIX (object name prefix, default "files/")
 */

export type BlobStoreKind = 'database' | 's3';

export function blobStoreKind(): BlobStoreKind {
  const kind = (process.env.CLEARANCE_BLOB_STORE ?? 'database').trim() || 'database';
  if (kind !== 'database' && kind !== 's3') throw new Error('CLEARANCE_BLOB_STORE must be "database" or "s3".');
  return kind;
}

export function maxFileBytes(): number {
  const raw = process.env.CLEARANCE_MAX_FILE_BYTES?.trim();
  const value = raw ? Number(raw) : 2 * 1024 ** 3;
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error('CLEARANCE_MAX_FILE_BYTES must be a positive integer.');
  return value;
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
  const bucket = process.env.CLEARANCE_S3_BUCKET?.trim();
  if (!bucket) throw new Error('CLEARANCE_BLOB_STORE=s3 needs CLEARANCE_S3_BUCKET.');
  return {
    bucket,
    region: process.env.CLEARANCE_S3_REGION?.trim() || 'us-east-1',
    endpoint: process.env.CLEARANCE_S3_ENDPOINT?.trim() || undefined,
    accessKeyId: process.env.CLEARANCE_S3_ACCESS_KEY_ID?.trim() || undefined,
    secretAccessKey: process.env.CLEARANCE_S3_SECRET_ACCESS_KEY?.trim() || undefined,
    prefix: process.env.CLEARANCE_S3_PREFIX?.trim() ?? 'files/',
  };
}

import 'server-only';
import { blobStoreKind, type BlobStoreKind } from '../config';
import { databaseDriver } from './database';
import { s3Driver } from './s3';
import type { BlobDriver } from './types';

export type { BlobDriver, VersionRow } from './types';

/** The driver for a version's `blob_store` (each version is read from the store it was written to). */
export const driverFor = (kind: BlobStoreKind): BlobDriver => (kind === 's3' ? s3Driver : databaseDriver);

/** The driver new versions are written to (CLEARANCE_BLOB_STORE). */
export const currentDriver = (): BlobDriver => driverFor(blobStoreKind());

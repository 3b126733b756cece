/**
 * An S3-compatible server on loopback for the `s3` blob driver's tests (s3rver: the S3 protocol over a
 * directory; nothing leaves the machine). Sets the CLEARANCE_S3_* variables; `stop()` clears them.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

export type LocalS3 = {
  directory: string;
  endpoint: string;
  /** Whether any stored byte (objects and unfinished parts) contains `needle`. */
  containsBytes: (needle: Buffer) => boolean;
  hasBlob: (blobKey: string) => boolean;
  /** Flips one byte of a stored object. */
  tamper: (blobKey: string, at?: number) => void;
  stop: () => Promise<void>;
};

const BUCKET = 'clearance-test';

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}

export async function startS3rver(): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(tmpdir(), 'clearance-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: BUCKET }],
  });
  const address = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${address.port}`;
  Object.assign(process.env, {
    CLEARANCE_S3_ENDPOINT: endpoint,
    CLEARANCE_S3_BUCKET: BUCKET,
    CLEARANCE_S3_REGION: 'us-east-1',
    CLEARANCE_S3_ACCESS_KEY_ID: 'S3RVER',
    CLEARANCE_S3_SECRET_ACCESS_KEY: 'S3RVER',
    CLEARANCE_S3_PREFIX: 'files/',
  });
  const objectPath = (blobKey: string) => path.join(directory, BUCKET, 'files', `${blobKey}._S3rver_object`);
  return {
    directory,
    endpoint,
    containsBytes: (needle) => [...walk(directory)].some((f) => readFileSync(f).includes(needle)),
    hasBlob: (blobKey) => existsSync(objectPath(blobKey)),
    tamper(blobKey, at = 100) {
      const data = readFileSync(objectPath(blobKey));
      data[at]! ^= 1;
      writeFileSync(objectPath(blobKey), data);
    },
    async stop() {
      await server.close();
      for (const k of ['ENDPOINT', 'BUCKET', 'REGION', 'ACCESS_KEY_ID', 'SECRET_ACCESS_KEY', 'PREFIX'])
        delete process.env[`CLEARANCE_S3_${k}`];
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

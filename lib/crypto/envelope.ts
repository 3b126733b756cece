import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { env, type MasterKey, type MasterKeys } from '@/lib/env';

/*
 * Envelope encryption for data at rest: each record gets its own random AES-256-GCM data key; the data key is
 * stored wrapped (AES-256-GCM) under a master key from the environment. Rotating the master key re-wraps the
 * data keys and never touches the ciphertexts. A database dump holds ciphertext and wrapped keys only.
 *
 *   CLEARANCE_MASTER_KEY            the current master key: 32 bytes, base64
 *   CLEARANCE_PREVIOUS_MASTER_KEYS  older master keys, comma-separated, kept readable during a rotation
 */

export type Sealed = {
  v: 1;
  /** Id of the master key that wraps the data key (a fingerprint, not the key). */
  kid: string;
  /** The wrapped data key: iv (12) | tag (16) | ciphertext (32), base64. */
  wk: string;
  iv: string;
  tag: string;
  ct: string;
};

/** The master keys, parsed once from the environment (lib/env.ts). Fails closed without a current key. */
function masterKeys(): MasterKeys {
  const keys = env.masterKeys;
  // Fail closed: without a master key nothing sensitive can be written or read.
  if (!keys) throw new Error('CLEARANCE_MASTER_KEY is not set.');
  return keys;
}

export const currentMasterKeyId = () => masterKeys().current.id;
export const generateMasterKey = () => randomBytes(32).toString('base64');

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ct };
}

function gcmDecrypt(key: Buffer, iv: Buffer, tag: Buffer, ct: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

function wrap(master: MasterKey, dataKey: Buffer): string {
  const { iv, tag, ct } = gcmEncrypt(master.key, dataKey, `wrap:${master.id}`);
  return Buffer.concat([iv, tag, ct]).toString('base64');
}

function unwrap(sealed: Sealed): Buffer {
  const master = masterKeys().all.get(sealed.kid);
  if (!master) throw new Error('The master key for this record is not configured.');
  const raw = Buffer.from(sealed.wk, 'base64');
  return gcmDecrypt(master.key, raw.subarray(0, 12), raw.subarray(12, 28), raw.subarray(28), `wrap:${master.id}`);
}

/**
 * Encrypts `plaintext` under a fresh data key. `context` (for instance `item:<id>`) is bound as associated
 * data, so a ciphertext copied onto another record does not decrypt.
 */
export function seal(plaintext: string, context: string): Sealed {
  const { current } = masterKeys();
  const dataKey = randomBytes(32);
  const { iv, tag, ct } = gcmEncrypt(dataKey, Buffer.from(plaintext, 'utf8'), context);
  return {
    v: 1,
    kid: current.id,
    wk: wrap(current, dataKey),
    iv: iv.toString('base64'),
    tag: tag.toString('base64'),
    ct: ct.toString('base64'),
  };
}

export function open(sealed: Sealed, context: string): string {
  const dataKey = unwrap(sealed);
  return gcmDecrypt(
    dataKey,
    Buffer.from(sealed.iv, 'base64'),
    Buffer.from(sealed.tag, 'base64'),
    Buffer.from(sealed.ct, 'base64'),
    context,
  ).toString('utf8');
}

/** Re-wraps the data key under the current master key; the ciphertext is unchanged. */
export function rewrap(sealed: Sealed): Sealed {
  const { current } = masterKeys();
  if (sealed.kid === current.id) return sealed;
  return { ...sealed, kid: current.id, wk: wrap(current, unwrap(sealed)) };
}

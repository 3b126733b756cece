import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

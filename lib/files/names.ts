import 'server-only';
import { open, seal, type Sealed } from '@/lib/crypto/envelope';

/*
 * File names are sealed at rest (a passport scan's name says whose it is): bound to `file-name:<fileId>`, so a
 * name copied onto another file does not open there.
 */

/** The name as shown and sent in Content-Disposition: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'file';
}

export const sealFileName = (fileId: string, name: string): Sealed => seal(cleanFileName(name), `file-name:${fileId}`);

/** Opens a `files` row's name. Call only after the policy allowed reading the file's item. */
export const openFileName = (row: { id: string; nameSealed: Sealed | string }): string =>
  open(
    typeof row.nameSealed === 'string' ? (JSON.parse(row.nameSealed) as Sealed) : row.nameSealed,
    `file-name:${row.id}`,
  );

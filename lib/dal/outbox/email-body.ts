import 'server-only';
import { open, seal, type Sealed } from '@/lib/crypto/envelope';

/*
 * The body is sealed under the row's id: a pending email holds a working link or code (a bearer secret), so a dump
 * of the queue must not (issue 11). The row-level security policy refuses a plaintext body.
 */
export const sealBody = (id: string, text: string): Sealed => seal(text, `outbox:${id}`);

/** The body of a queued or sent email: sealed, or (rows queued before sealing) the legacy plaintext column. */
export function openEmailText(row: { id: string; text: string | null; sealed: Sealed | null }): string {
  if (row.sealed) return open(row.sealed, `outbox:${row.id}`);
  return row.text ?? '';
}

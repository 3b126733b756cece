import 'server-only';
import type { Classification, ItemCategory } from '@/lib/authz';
import { open, rewrap, seal, type Sealed } from '@/lib/crypto/envelope';

/*
 * How an item's content is stored (db/schema/items.ts): plaintext for confidential items; for high-risk
 * items and every credentials item, one envelope of `{ title, body }` and, for credentials, a second envelope
 * holding the secret value alone. Each envelope is bound to its record and purpose, so a ciphertext copied
 * onto another row or column does not open.
 */

export type ItemContent = { title: string; body: string };

/** The columns of a stored row this module reads. */
export type StoredContent = { id: string; title: string | null; body: string | null; sealed: Sealed | null };

const contentContext = (itemId: string) => `item:${itemId}`;
const secretContext = (itemId: string) => `item-secret:${itemId}`;

/** High-risk content and credentials never rest in plaintext (docs/product.md §6). */
export const mustSeal = (category: ItemCategory, classification: Classification) =>
  classification === 'high_risk' || category === 'credentials';

/**
 * The content columns for `content`, sealed or plain. A kept secret is re-wrapped under the current master
 * key with it, so every envelope of the row stays under the key `keyId` names (rotation relies on that).
 */
export function contentColumns(
  itemId: string,
  content: ItemContent,
  sealContent: boolean,
  secret: { keep: Sealed | null } | { set: string } = { keep: null },
) {
  const secretSealed = 'set' in secret ? seal(secret.set, secretContext(itemId)) : secret.keep && rewrap(secret.keep);
  if (!sealContent) {
    if (secretSealed) throw new Error('A secret value is only stored beside sealed content.');
    return { title: content.title, body: content.body, sealed: null, secretSealed: null, keyId: null };
  }
  const sealed = seal(JSON.stringify({ title: content.title, body: content.body }), contentContext(itemId));
  return { title: null, body: null, sealed, secretSealed, keyId: sealed.kid };
}

/** Decrypts (or passes through) a stored row's content. Call only after the policy allowed the read. */
export function openContent(row: StoredContent): ItemContent {
  if (!row.sealed) return { title: row.title ?? '', body: row.body ?? '' };
  const parsed = JSON.parse(open(parseSealed(row.sealed), contentContext(row.id))) as Partial<ItemContent>;
  return { title: String(parsed.title ?? ''), body: String(parsed.body ?? '') };
}

/** Decrypts a credentials item's secret value. Only the vault calls this, after re-authentication. */
export function openSecret(itemId: string, sealed: Sealed): string {
  return open(parseSealed(sealed), secretContext(itemId));
}

/** jsonb arrives parsed from both drivers, or as text from raw `execute()` on some paths. */
export function parseSealed(value: unknown): Sealed {
  return (typeof value === 'string' ? JSON.parse(value) : value) as Sealed;
}

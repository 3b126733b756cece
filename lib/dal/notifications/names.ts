import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { users } from '@/db/schema';
import { renderMentions, UNKNOWN_PERSON, type MentionName } from '@/lib/notifications/mentions';

/**
 * How messages name the people they mention, read from the accounts at the time of reading: an erased person's
 * row says "Deleted person", so every message naming them says so too, with nothing else rewritten. A client
 * person is named only as "the client": a client's identity is shown to those the policy allows, per project,
 * and a message read later has no such check (no message names a client person today; this keeps it so).
 */
export async function mentionNames(tx: Executor, ids: Iterable<string>): Promise<MentionName> {
  const unique = [...new Set(ids)];
  const rows =
    unique.length === 0
      ? []
      : await tx
          .select({ id: users.id, name: users.name, role: users.role })
          .from(users)
          .where(inArray(users.id, unique));
  const names = new Map(rows.map((r) => [r.id.toLowerCase(), r.role === 'client' ? 'the client' : r.name]));
  return (id) => names.get(id.toLowerCase()) ?? UNKNOWN_PERSON;
}

/** Messages with their mentions filled in (notifications or emails: any rows with `people` and text fields). */
export async function renderMessages<T extends { people: string[] }, K extends keyof T>(
  tx: Executor,
  rows: T[],
  fields: readonly K[],
): Promise<T[]> {
  const nameOf = await mentionNames(
    tx,
    rows.flatMap((r) => r.people),
  );
  return rows.map((row) => {
    const out = { ...row };
    for (const field of fields)
      if (typeof row[field] === 'string') out[field] = renderMentions(row[field] as string, row.people, nameOf) as T[K];
    return out;
  });
}

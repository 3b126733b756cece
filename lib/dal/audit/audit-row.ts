import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { ItemCategory } from '@/lib/authz';
import { auditSentence, reasonPhrase } from '@/lib/audit/sentence';
import { itemReference } from '@/lib/labels';
import { clientLabelSql } from '../clients/client-label-sql';

/** A person as the audit log names them: client users by their account's codename, others by name. */
export const personLabel = (
  id: SQL,
) => sql<string>`(select case when u.role = 'client' then ${clientLabelSql(sql`u.id`)} else u.name end
  from users u where u.id = ${id})`;

export type AuditRow = {
  id: number;
  at: Date;
  /** The action's code, as recorded (the filter and the CSV's raw column). */
  action: string;
  outcome: 'allowed' | 'denied';
  /** As recorded: a refusal's code, or the words a person gave. */
  reason: string | null;
  ip: string | null;
  actor: string;
  project: string | null;
  target: string;
  /** The reason in plain words (lib/audit/reasons.ts). */
  reasonText: string | null;
  /** The event as a sentence for people: "Tried to read Deal terms item #3 — refused: not a member of the project". */
  sentence: string;
};

export type LabelledEvent = {
  id: number;
  at: Date;
  action: string;
  outcome: 'allowed' | 'denied';
  reason: string | null;
  ip: string | null;
  targetType: string;
  actorLabel: string | null;
  projectCodename: string | null;
  itemCategory: string | null;
  itemRef: number | null;
  targetPerson: string | null;
};

/** One event as the log shows it: labels, and the event as a sentence (lib/audit/catalogue.ts). */
export function auditRow(r: LabelledEvent): AuditRow {
  const item =
    r.targetType === 'item' && r.itemCategory && r.itemRef !== null
      ? itemReference(r.itemCategory as ItemCategory, r.itemRef)
      : null;
  const target =
    item ?? (r.targetType === 'user' ? (r.targetPerson ?? 'Unknown account') : r.targetType.replace(/_/g, ' '));
  // The sentence names the item or person, else the project, else the kind of thing.
  const about = item || r.targetType === 'user' ? target : (r.projectCodename ?? target);
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    outcome: r.outcome,
    reason: r.reason,
    ip: r.ip,
    actor: r.actorLabel ?? 'Anonymous',
    project: r.projectCodename,
    target,
    reasonText: r.reason ? reasonPhrase(r.reason) : null,
    sentence: auditSentence({ action: r.action, outcome: r.outcome, reason: r.reason, about }),
  };
}

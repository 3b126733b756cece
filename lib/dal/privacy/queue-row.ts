import 'server-only';
import { sql } from 'drizzle-orm';
import { privacyRequests, users } from '@/db/schema';
import { type Urgency } from '@/lib/privacy/clocks';
import { OPEN_STATUSES, type Jurisdiction, type RequestKind, type RequestStatus } from '@/lib/privacy/vocabulary';
import { clientLabelSql } from '../clients/client-label-sql';

export type QueueRow = {
  id: string;
  ref: number;
  kind: RequestKind;
  jurisdiction: Jurisdiction;
  status: RequestStatus;
  channel: 'public' | 'account';
  subject: string;
  agent: boolean;
  receivedAt: Date;
  dueOn: string;
  ackDueOn: string | null;
  acknowledged: boolean;
  extended: boolean;
  /** Only for open requests. */
  urgency: Urgency | null;
};

export const isOpen = (s: RequestStatus) => OPEN_STATUSES.includes(s);

/**
 * How the queue names the person: a client user by their account's codename (real client names live on the
 * client-account pages only, docs/product.md §9), anyone else by the name they gave.
 */
export const subjectLabel = sql<string>`case when (select u.role from ${users} u where u.id = ${privacyRequests.subjectUserId}) = 'client'
  then ${clientLabelSql(sql`${privacyRequests.subjectUserId}`)} else ${privacyRequests.subjectName} end`;

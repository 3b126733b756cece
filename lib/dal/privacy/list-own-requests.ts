import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { RequestKind } from '@/lib/privacy/vocabulary';
import { withActor } from '../transaction';

export type OwnRequest = {
  id: string;
  ref: number;
  kind: RequestKind;
  status: typeof privacyRequests.$inferSelect.status;
  receivedAt: Date;
  dueOn: string;
  extensionReason: string | null;
  refusalReason: string | null;
  closedAt: Date | null;
};

/** The signed-in person's requests, newest first. */
export async function listOwnRequests(actor: Actor): Promise<OwnRequest[]> {
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: privacyRequests.id,
        ref: privacyRequests.ref,
        kind: privacyRequests.kind,
        status: privacyRequests.status,
        receivedAt: privacyRequests.receivedAt,
        dueOn: privacyRequests.dueOn,
        extensionReason: privacyRequests.extensionReason,
        refusalReason: privacyRequests.refusalReason,
        closedAt: privacyRequests.closedAt,
      })
      .from(privacyRequests)
      .where(eq(privacyRequests.subjectUserId, actor.id))
      .orderBy(desc(privacyRequests.receivedAt)),
  );
}

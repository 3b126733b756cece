import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { clientAccountMembers, clientAccounts, disclosures, itemDirectory, projectDirectory } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import {
  INSTRUMENT_LABELS,
  RECIPIENT_KIND_LABELS,
  type DataCategory,
  type Instrument,
  type LawfulBasis,
  type RecipientKind,
  type TransferSafeguard,
} from '@/lib/disclosures/vocabulary';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';

export type RecordDisclosureInput = {
  clientAccountId: string;
  projectId: string | null;
  recipientKind: RecipientKind;
  recipientName: string;
  country: string | null;
  dataCategories: DataCategory[];
  /** Item reference numbers within the project. */
  itemRefs: number[];
  purpose: string;
  lawfulBasis: LawfulBasis;
  transferSafeguard: TransferSafeguard | null;
  instrument: Instrument | null;
  instrumentReference: string | null;
  gagged: boolean;
  gagUntil: Date | null;
  disclosedAt: Date;
};

/**
 * Records a disclosure in the register (issue 15 points 1-2): an admin, in their own name as approver. Items are
 * named by their reference within the project (the admin reads no content). A legal disclosure the law does not
 * forbid telling the person about is told to the client's members at once (in the app and by email); a gagged one
 * is told nobody, and its audit event names no project, so the client's history does not show it either.
 */
export async function recordDisclosure(
  actor: Actor,
  input: RecordDisclosureInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ id: string }> {
  if (!can(actor, 'disclosure.record', { type: 'disclosure', disclosure: null }, now).allowed) throw notFoundError();
  return withActor(
    actor,
    async ({ tx, audit }) => {
      const [account] = await tx
        .select({ id: clientAccounts.id })
        .from(clientAccounts)
        .where(eq(clientAccounts.id, input.clientAccountId));
      if (!account)
        throw invalid('Choose the client whose data was disclosed.', { clientAccountId: ['Not a client account.'] });
      if (input.projectId) {
        const [project] = await tx
          .select({ id: projectDirectory.id })
          .from(projectDirectory)
          .where(
            and(eq(projectDirectory.id, input.projectId), eq(projectDirectory.clientAccountId, input.clientAccountId)),
          );
        if (!project)
          throw invalid('The project must be one of this client’s.', { projectId: ['Not a project of this client.'] });
      }
      let itemIds: string[] = [];
      if (input.itemRefs.length > 0) {
        if (!input.projectId)
          throw invalid('Choose the project the items belong to.', { projectId: ['Needed to name items.'] });
        const found = await tx
          .select({ id: itemDirectory.id, ref: itemDirectory.ref })
          .from(itemDirectory)
          .where(and(eq(itemDirectory.projectId, input.projectId), inArray(itemDirectory.ref, input.itemRefs)));
        const missing = input.itemRefs.filter((ref) => !found.some((f) => Number(f.ref) === ref));
        if (missing.length > 0)
          throw invalid('Some item references are not in this project.', {
            itemRefs: [`Not in the project: #${missing.join(', #')}.`],
          });
        itemIds = found.map((f) => f.id);
      }
      const id = randomUUID();
      await tx.insert(disclosures).values({
        id,
        recipientKind: input.recipientKind,
        recipientName: input.recipientName,
        country: input.country,
        clientAccountId: input.clientAccountId,
        projectId: input.projectId,
        dataCategories: input.dataCategories,
        itemIds,
        purpose: input.purpose,
        lawfulBasis: input.lawfulBasis,
        transferSafeguard: input.transferSafeguard,
        instrument: input.instrument,
        instrumentReference: input.instrumentReference,
        gagged: input.gagged,
        gagUntil: input.gagged ? input.gagUntil : null,
        source: 'manual',
        approvedBy: actor.id,
        disclosedAt: input.disclosedAt,
        recordedAt: now,
      });
      audit({
        actorId: actor.id,
        action: 'disclosure.record',
        targetType: 'disclosure',
        targetId: id,
        // A gagged record's event names no project: the owning client reads their projects' events.
        projectId: input.gagged ? null : input.projectId,
        outcome: 'allowed',
        details: {
          recipientKind: input.recipientKind,
          items: itemIds.length,
          legal: input.instrument !== null,
          gagged: input.gagged,
        },
        meta,
      });
      if (input.instrument && !input.gagged) {
        await tellClient(
          tx,
          input.clientAccountId,
          {
            title: `MM Group disclosed data about you to ${input.recipientName} under a ${INSTRUMENT_LABELS[input.instrument].toLowerCase()}`,
            body: `A ${RECIPIENT_KIND_LABELS[input.recipientKind].toLowerCase()}, ${input.recipientName}, received data about you under a ${INSTRUMENT_LABELS[input.instrument].toLowerCase()} (${input.instrumentReference}). See what was disclosed, why and on what basis under “Shared with”.`,
          },
          'disclosure.legal',
          id,
        );
      }
      return { id };
    },
    { meta, now },
  );
}

/** Tells every member of the client account, in the app and by email (notify queues the email in the outbox). */
export async function tellClient(
  tx: Tx,
  clientAccountId: string,
  message: { title: string; body: string },
  kind: 'disclosure.legal' | 'disclosure.gag_lifted',
  disclosureId: string,
): Promise<void> {
  const members = await tx
    .select({ id: clientAccountMembers.userId })
    .from(clientAccountMembers)
    .where(eq(clientAccountMembers.clientAccountId, clientAccountId));
  await notify(tx, { kind, userIds: members.map((m) => m.id), projectId: null, subject: disclosureId }, () => ({
    ...message,
    href: '/client/shared-with',
  }));
}

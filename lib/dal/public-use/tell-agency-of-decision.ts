import 'server-only';
import type { Tx } from '@/db/client';
import { KIND_LABELS, type PublicUseKind } from '@/lib/public-use/texts';
import { activeAgencyMembers } from '../items/load-agency-members';
import { notify } from '../notifications/notify';
import { requesterOf } from './load-client';

/** Tells whoever asked, and the project's leads, of the client's decision (`subject`: the request, or the record revoked). */
export async function tellAgency(
  tx: Tx,
  projectId: string,
  requestId: string | null,
  kind: string,
  verb: 'signed' | 'refused' | 'revoked',
  subject: string,
) {
  const leads = await activeAgencyMembers(tx, projectId, new Date(), true);
  const requester = await requesterOf(tx, requestId);
  const label = KIND_LABELS[kind as PublicUseKind] ?? kind;
  await notify(
    tx,
    {
      kind: `authorization.${verb}` as const,
      userIds: [...(requester ? [requester] : []), ...leads.map((l) => l.id)],
      projectId,
      subject,
    },
    (r) => ({
      title: `Authorization ${verb}: ${label} for ${r.projectLabel}`,
      body: `The client ${verb} the ${label.toLowerCase()} authorization for ${r.projectLabel}.`,
      href: `/projects/${projectId}/authorizations`,
    }),
  );
}

import 'server-only';
import type { Actor } from '@/lib/authz';
import type { AuditListParams } from '@/lib/validations/lists';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

/** An export of the audit log is itself an audited act (with the filters it used). */
export async function recordAuditExport(actor: Actor, params: AuditListParams, meta: RequestMeta): Promise<void> {
  assertAllowed(actor, 'audit.view');
  const { after: _a, before: _b, ...filters } = params;
  await withActor(actor, async ({ audit }) => {
    audit({
      actorId: actor.id,
      action: 'audit.export',
      targetType: 'audit_log',
      outcome: 'allowed',
      details: { filters },
      meta,
    });
  });
}

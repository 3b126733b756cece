import 'server-only';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { type RetentionRule, loadRules } from './load-retention-rules';

export async function listRetentionRules(actor: Actor): Promise<RetentionRule[]> {
  assertAllowed(actor, 'retention.manage');
  return withActor(actor, ({ tx }) => loadRules(tx));
}

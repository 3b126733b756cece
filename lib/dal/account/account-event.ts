import 'server-only';
import type { AuditAction, AuditDetails } from '@/lib/audit/catalogue';
import type { RequestMeta } from '@/lib/dal/audit';
import type { SessionUser } from './read-session-user';

/** The allowed event of a change a signed-in user makes to their own account. */
export const accountEvent = <A extends AuditAction>(
  user: SessionUser,
  action: A,
  meta: RequestMeta,
  details?: AuditDetails<A>,
) => ({ actorId: user.id, action, targetType: 'user', targetId: user.id, outcome: 'allowed', details, meta }) as const;

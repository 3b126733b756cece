import type { AllowlistFact } from '@/lib/authz';
import { isActiveAllowlistEntry } from '@/lib/authz/policy';

export type AllowlistEntryState = 'active' | 'expired' | 'revoked' | 'pending' | 'refused';

/** Pending (waiting for the client) and refused entries give no access, whatever their dates say. */
export const allowlistEntryState = (e: AllowlistFact, now: Date): AllowlistEntryState =>
  e.revokedAt ? 'revoked' : e.status !== 'active' ? e.status : isActiveAllowlistEntry(e, now) ? 'active' : 'expired';

import 'server-only';
import type { Executor } from '@/db/client';
import { agencySettings, DEFAULT_CONTRACTOR_MAX_DAYS } from '@/db/schema';

/** The longest a contractor's grant may run, in days: the admin's setting, or one year until one is set. */
export async function loadContractorMaxDays(db: Executor): Promise<number> {
  const [row] = await db.select({ days: agencySettings.contractorMaxDays }).from(agencySettings).limit(1);
  return row?.days ?? DEFAULT_CONTRACTOR_MAX_DAYS;
}

import 'server-only';
import type { Tx } from '../client';
import { disclosures } from '../schema';

/**
 * The demo register (issue 15): one ordinary disclosure — the travel agency that booked the Aurora shoot received
 * Nova's name and contact and the shoot's schedule, by reference — beside the two brand-partner records the items
 * trigger wrote when the seed shared AURORA-DELIVERABLES and AURORA-SCRIPT-V2 with Lumen. No canary is copied here:
 * the register names items by reference only.
 */
export const DEMO_VENDOR = { name: 'Skyline Travel Desk', country: 'US' } as const;

export async function seedDisclosures(
  tx: Tx,
  ids: { ada: string; nova: string; aurora: string; shootSchedule: string },
  days: (n: number) => Date,
): Promise<void> {
  await tx.insert(disclosures).values({
    recipientKind: 'vendor',
    recipientName: DEMO_VENDOR.name,
    country: DEMO_VENDOR.country,
    clientAccountId: ids.nova,
    projectId: ids.aurora,
    dataCategories: ['identity_contact', 'logistics'],
    itemIds: [ids.shootSchedule],
    purpose: 'Booking flights and hotels for the Aurora shoot',
    lawfulBasis: 'contract',
    transferSafeguard: 'standard_contractual_clauses',
    source: 'manual',
    approvedBy: ids.ada,
    disclosedAt: days(-10),
    recordedAt: days(-10),
  });
}

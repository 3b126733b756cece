import 'server-only';
import type { Actor } from '@/lib/authz';
import { listPendingGrants } from '../approvals/list-pending-grants';
import { listPendingHandoverChanges } from '../handover/list-pending-handover-changes';
import { DESK_SHOWN, day, type DeskSection } from './desk-section';

/** What waits for a client's decision: high-risk grants to approve or refuse, hand-over changes to approve. */
export async function getClientDesk(actor: Actor): Promise<DeskSection[]> {
  if (actor.role !== 'client' || actor.disabled) return [];
  const [grants, changes] = await Promise.all([listPendingGrants(actor), listPendingHandoverChanges(actor)]);
  const sections: DeskSection[] = [];
  if (grants.length) {
    sections.push({
      key: 'client-grants',
      title: 'High-risk access waiting for your approval',
      count: grants.length,
      entries: grants.slice(0, DESK_SHOWN).map((g) => ({
        id: g.id,
        text: `${g.person} on ${g.item} (${g.project})`,
        detail: `granted ${day(g.grantedAt)}`,
        href: '/client',
      })),
      href: '/client',
      linkLabel: 'Approve or refuse',
    });
  }
  if (changes.length) {
    sections.push({
      key: 'client-handover',
      title: 'Changes to your hand-overs',
      count: changes.length,
      entries: changes
        .slice(0, DESK_SHOWN)
        .map((c) => ({ id: c.id, text: 'A change waits for your approval', detail: '', href: '/client' })),
      href: '/client',
      linkLabel: 'Review the changes',
    });
  }
  return sections;
}

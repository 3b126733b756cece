import 'server-only';
import type { Actor } from '@/lib/authz';
import { EXPIRY_WARNING_DAYS } from '../projects/expiry-warning';
import { listLedProjects } from '../projects/list-led-projects';
import { day, type DeskSection } from './desk-section';

/** What waits for a project's lead: their projects' members (linked), access ending soon and reviews under way. */
export async function getLeadDesk(actor: Actor, now = new Date()): Promise<DeskSection[]> {
  const led = await listLedProjects(actor, now);
  if (led.length === 0) return [];
  return [
    {
      key: 'led-projects',
      title: 'Projects you lead',
      count: led.length,
      entries: led.map((p) => ({
        id: p.id,
        text: `${p.codename}: ${p.members} member${p.members === 1 ? '' : 's'}`,
        detail:
          [
            p.endingSoon ? `${p.endingSoon} ending within ${EXPIRY_WARNING_DAYS} days` : null,
            p.reviewDueAt ? `access review under way, ends ${day(p.reviewDueAt)}` : null,
          ]
            .filter(Boolean)
            .join(' · ') || 'nothing ending soon',
        href: `/projects/${p.id}/members`,
        urgent: p.endingSoon > 0 || p.reviewDueAt !== null,
      })),
      href: led.length === 1 ? `/projects/${led[0]!.id}/members` : '/',
      linkLabel: led.length === 1 ? `Members of ${led[0]!.codename}` : 'Your projects',
    },
  ];
}

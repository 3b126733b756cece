import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import { itemDirectory, ndaVersions, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import { loadGrantee } from '../memberships/load-grantee';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { countActiveAdmins } from './start-break-glass';

/** What the break-glass form offers: projects by codename, their high-risk items by reference, and the NDA texts. */
export async function getBreakGlassOptions(actor: Actor, now = new Date()) {
  assertAllowed(actor, 'membership.grant');
  return withActor(actor, async ({ tx }) => {
    const activeAdmins = await countActiveAdmins(tx);
    const projects = await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .orderBy(asc(projectDirectory.codename));
    const items = await tx
      .select({
        id: itemDirectory.id,
        ref: itemDirectory.ref,
        category: itemDirectory.category,
        codename: projectDirectory.codename,
      })
      .from(itemDirectory)
      .innerJoin(projectDirectory, eq(projectDirectory.id, itemDirectory.projectId))
      .where(eq(itemDirectory.classification, 'high_risk'))
      .orderBy(asc(projectDirectory.codename), asc(itemDirectory.ref));
    const me = await loadGrantee(tx, actor.id);
    // A signature for every client covers any project; otherwise the form shows the text to sign (the DAL
    // asks for it only where no NDA of the admin covers the chosen project's client).
    const coversAll = (me?.ndas ?? []).some(
      (n) => n.clientAccountId === null && !n.superseded && (n.expiresAt === null || n.expiresAt > now),
    );
    const versions = await tx
      .select({
        id: ndaVersions.id,
        title: ndaVersions.title,
        version: ndaVersions.version,
        body: ndaVersions.body,
        bodySha256: ndaVersions.bodySha256,
      })
      .from(ndaVersions)
      .orderBy(asc(ndaVersions.title), desc(ndaVersions.version));
    const current = versions.filter((v, i) => i === 0 || versions[i - 1]!.title !== v.title);
    return {
      singleAdmin: activeAdmins === 1,
      projects,
      items: items.map((i) => ({
        id: i.id,
        label: `${i.codename}: ${itemReference(i.category, i.ref)}`,
      })),
      ndaNeeded: !coversAll,
      ndaVersions: current,
    };
  });
}

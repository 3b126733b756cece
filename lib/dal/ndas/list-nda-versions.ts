import 'server-only';
import { desc } from 'drizzle-orm';
import { ndaVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export async function listNdaVersions(actor: Actor) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: ndaVersions.id,
        title: ndaVersions.title,
        version: ndaVersions.version,
        bodySha256: ndaVersions.bodySha256,
        material: ndaVersions.material,
        createdAt: ndaVersions.createdAt,
      })
      .from(ndaVersions)
      .orderBy(ndaVersions.title, desc(ndaVersions.version)),
  );
}

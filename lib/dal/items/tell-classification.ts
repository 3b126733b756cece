import 'server-only';
import type { ClassifyChange } from '@/lib/authz/handover';
import { itemReference } from '@/lib/labels';
import { notify } from '../notifications/notify';
import { owningClientAudience } from '../notifications/audience';
import type { Work } from '../transaction';
import { describeChange } from './describe-change';
import type { LoadedForWrite } from './load-item-for-write';

/** The owning client hears of every classification or sharing change on their project's items (docs/product.md §14). */
export async function tellClientOfClassification({ tx, actor }: Work, loaded: LoadedForWrite, to: ClassifyChange) {
  const { project, item } = loaded;
  const label = itemReference(item.category, loaded.row.ref);
  const members = await owningClientAudience(tx, project.id);
  await notify(
    tx,
    { kind: 'item.classified', userIds: members, projectId: project.id, subject: null, except: actor?.id },
    (r) => ({
      title: `${label} in ${r.projectLabel} is now ${to.classification === 'high_risk' ? 'high-risk' : 'confidential'}${to.sharedWithCounterparty ? ', shared with the counterparty' : ''}`,
      body: `${label} in ${r.projectLabel} changed: ${describeChange(item, to)}.`,
      href: '/client',
    }),
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { FilesSection } from '@/components/files/files-section';
import { Uploader } from '@/components/files/uploader';
import { itemFileAccess } from '@/lib/dal/files/item-file-access';
import { listItemFiles } from '@/lib/dal/files/list-item-files';
import { readItem } from '@/lib/dal/items/read-item';
import { revealAcceptsCode } from '@/lib/dal/credentials/reveal-accepts-code';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { CATEGORY_LABELS, formatDateTime } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';
import { ClassifyItemForm } from './classify-item-form';
import { EditItemForm } from './edit-item-form';
import { FilesAccessForm } from './files-access-form';
import { RevealSecret } from './reveal-secret';

export const metadata: Metadata = { title: 'Item' };

export default async function ItemPage({ params }: { params: Promise<{ itemId: string }> }) {
  const user = await requireSessionUser();
  const itemId = parseId((await params).itemId);
  // The read, its policy decision and its audit event happen together in the DAL.
  const item = itemId ? await readItem(user, itemId, await requestMeta()) : null;
  if (!item) notFound();
  const itemFiles = await listItemFiles(user, item.id);
  const fileAccess = await itemFileAccess(user, item.id);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${item.project.id}`} className="text-accent hover:underline">
          ← {item.project.codename}
          {item.project.clientName ? ` (${item.project.clientName})` : ''}
        </Link>
      </p>
      <PageHeader
        title={item.title}
        subtitle={`${CATEGORY_LABELS[item.category]} · #${item.ref} · by ${item.authorName} · updated ${formatDateTime(item.updatedAt)}`}
        actions={
          <span className="flex gap-2">
            {item.classification === 'high_risk' ? (
              <Badge tone="danger">High-risk confidential</Badge>
            ) : (
              <Badge>Confidential</Badge>
            )}
            {item.sharedWithCounterparty ? <Badge tone="accent">Shared with counterparty</Badge> : null}
          </span>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card>
            <div className="whitespace-pre-wrap text-sm leading-relaxed" data-testid="item-body">
              {item.body}
            </div>
          </Card>
          {item.category === 'credentials' ? (
            <div className="mt-6">
              <Card title="Stored value">
                {item.canReveal ? (
                  <RevealSecret itemId={item.id} acceptsCode={await revealAcceptsCode(user)} />
                ) : (
                  <p className="text-sm text-muted">No value is stored with this item.</p>
                )}
              </Card>
            </div>
          ) : null}
          {itemFiles ? (
            <div className="mt-6">
              <FilesSection
                data={itemFiles}
                uploader={
                  fileAccess?.mayUpload ? (
                    <Uploader itemId={item.id} files={itemFiles.files.map((f) => ({ id: f.id, name: f.name }))} />
                  ) : undefined
                }
              />
            </div>
          ) : null}
        </div>
        <div className="space-y-6">
          {item.canEdit ? (
            <Card title="Edit">
              <EditItemForm
                itemId={item.id}
                title={item.title}
                body={item.body}
                credentials={item.category === 'credentials'}
              />
            </Card>
          ) : null}
          {fileAccess?.maySetAccess ? (
            <Card title="File access">
              <FilesAccessForm itemId={item.id} downloadable={fileAccess.downloadable} />
            </Card>
          ) : null}
          {item.canClassify ? (
            <Card title="Classification">
              <ClassifyItemForm
                itemId={item.id}
                classification={item.classification}
                sharedWithCounterparty={item.sharedWithCounterparty}
                locked={item.category === 'credentials'}
              />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}

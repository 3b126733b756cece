import Link from 'next/link';
import { Badge, Card } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import type { Classification } from '@/lib/vocabulary';

export type AudienceFile = {
  id: string;
  name: string;
  itemId: string;
  item: string;
  category: string;
  classification: Classification;
  sharedWithCounterparty: boolean;
  downloadable: boolean;
  versions: number;
};

type Member = { person: string; scopes: string[] | 'all'; state: string };
type HighRisk = { id: string; entries: { person: string; state: string }[] };

/**
 * "Who can see it" for files (issue 13 point 6): a file is opened by exactly the people who may read its item —
 * the active project members whose scope covers the item's category, or, for a high-risk item, the people on its
 * allowlist — and the client; the counterparty too when the item is shared with it. View-only files are
 * downloaded by no one but the client.
 */
export function FileAudience({
  files,
  members,
  highRiskItems,
  counterparty,
}: {
  files: AudienceFile[];
  members: Member[];
  highRiskItems: HighRisk[];
  counterparty: string | null;
}) {
  const audience = (f: AudienceFile): string[] => {
    const agency =
      f.classification === 'high_risk'
        ? (highRiskItems.find((h) => h.id === f.itemId)?.entries ?? [])
            .filter((e) => e.state === 'active')
            .map((e) => e.person)
        : members
            .filter((m) => m.state === 'active' && (m.scopes === 'all' || m.scopes.includes(f.category)))
            .map((m) => m.person);
    return [...new Set(agency), 'you', ...(f.sharedWithCounterparty ? [counterparty ?? 'the counterparty'] : [])];
  };
  return (
    <Card title="Files and who can open them">
      {files.length === 0 ? (
        <p className="text-sm text-muted">No files on this project&apos;s items that you can see.</p>
      ) : (
        <Table headers={['File', 'Item', 'Who can open it', 'Download']} caption="Files and who can open them">
          {files.map((f) => (
            <tr key={f.id} data-testid="file-audience">
              <Cell className="font-medium break-all">
                {f.name}
                <span className="block text-xs text-muted">
                  {f.versions} version{f.versions === 1 ? '' : 's'}
                </span>
              </Cell>
              <Cell>
                <Link href={`/items/${f.itemId}`} className="text-accent hover:underline">
                  {f.item}
                </Link>
              </Cell>
              <Cell>{audience(f).join(', ')}</Cell>
              <Cell>
                {f.downloadable ? (
                  <Badge>Everyone who can open it</Badge>
                ) : (
                  <Badge tone="danger">View-only: only you</Badge>
                )}
              </Cell>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}

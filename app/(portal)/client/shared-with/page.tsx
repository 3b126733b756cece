import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { listSharedWith } from '@/lib/dal/disclosures/list-shared-with';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import {
  countryName,
  DATA_CATEGORY_LABELS,
  INSTRUMENT_LABELS,
  LAWFUL_BASIS_LABELS,
  RECIPIENT_KIND_LABELS,
} from '@/lib/disclosures/vocabulary';
import { formatDate } from '@/lib/labels';

export const metadata: Metadata = { title: 'Shared with' };

/** A client's "Shared with" (issue 15 point 3): who outside MM Group received their data, why, on what basis, when. */
export default async function SharedWithPage() {
  const user = await requireSessionUser();
  if (user.role !== 'client') notFound();
  const rows = await listSharedWith(user);
  return (
    <>
      <PageHeader
        title="Shared with"
        subtitle="Everyone outside MM Group who received your data: service providers, platforms, brand partners, advisers, contractor firms and authorities — what they received, why and on what lawful basis. Items are named by reference."
      />
      <Card>
        {rows.length === 0 ? (
          <p className="text-sm text-muted">MM Group has recorded no disclosure of your data.</p>
        ) : null}
        <Table
          headers={['Date', 'Recipient', 'Kind', 'What', 'Purpose', 'Lawful basis']}
          caption="Disclosures of your data"
        >
          {rows.map((d) => (
            <tr key={d.id} data-testid="shared-with-row">
              <Cell>{formatDate(d.disclosedAt)}</Cell>
              <Cell>
                <span className="font-medium">{d.recipientName}</span>
                <span className="block text-xs text-muted">{countryName(d.country)}</span>
              </Cell>
              <Cell>
                {RECIPIENT_KIND_LABELS[d.recipientKind]}
                {d.instrument ? (
                  <span className="block">
                    <Badge>
                      {INSTRUMENT_LABELS[d.instrument]} {d.instrumentReference}
                    </Badge>
                  </span>
                ) : null}
              </Cell>
              <Cell>
                {d.dataCategories.map((c) => DATA_CATEGORY_LABELS[c] ?? c).join(', ')}
                {d.items.length > 0 ? (
                  <span className="block text-xs text-muted">
                    {d.items.join('; ')}
                    {d.projectCodename ? ` in ${d.projectCodename}` : ''}
                  </span>
                ) : null}
              </Cell>
              <Cell>{d.purpose}</Cell>
              <Cell>{LAWFUL_BASIS_LABELS[d.lawfulBasis]}</Cell>
            </tr>
          ))}
        </Table>
      </Card>
    </>
  );
}

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { disclosureFormOptions } from '@/lib/dal/disclosures/list-disclosure-form-options';
import { listDisclosures } from '@/lib/dal/disclosures/list-disclosures';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import {
  countryName,
  DATA_CATEGORY_LABELS,
  INSTRUMENT_LABELS,
  isAbroad,
  isWithheld,
  LAWFUL_BASIS_LABELS,
  RECIPIENT_KIND_LABELS,
  RECIPIENT_KINDS,
  TRANSFER_SAFEGUARD_LABELS,
} from '@/lib/disclosures/vocabulary';
import { formatDate } from '@/lib/labels';
import { disclosureFiltersSchema } from '@/lib/validations/disclosures';
import { liftGagAction } from './actions';
import { RecordDisclosureForm } from './record-disclosure-form';

export const metadata: Metadata = { title: 'Disclosures' };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** The disclosure register (issue 15 points 1-2): every disclosure outside the agency, legal ones and their gags. */
export default async function AdminDisclosuresPage({ searchParams }: { searchParams: Search }) {
  const user = await requireSessionUser();
  const filters = disclosureFiltersSchema.parse(await searchParams);
  const [rows, options] = await Promise.all([listDisclosures(user, filters), disclosureFormOptions(user)]);
  if (!rows || !options) notFound();
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Disclosures"
        subtitle="Every disclosure of a client’s data outside the agency: to whom, where, what, why, on what basis and under which safeguard. Sharing an item with the counterparty brand is recorded here by itself. A legal disclosure the law forbids telling the person about stays hidden from the client until its gag is lifted."
      />
      <div className="space-y-6">
        <Card title="Register">
          <form method="get" aria-label="Filter the register" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
            <label className="flex flex-col gap-1">
              <span className="font-medium">Recipient kind</span>
              <select
                name="kind"
                defaultValue={filters.kind ?? ''}
                className="rounded-md border border-line px-2 py-1.5"
              >
                <option value="">Any</option>
                {RECIPIENT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {RECIPIENT_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1">
              <span className="font-medium">Client</span>
              <select
                name="clientAccountId"
                defaultValue={filters.clientAccountId ?? ''}
                className="rounded-md border border-line px-2 py-1.5"
              >
                <option value="">Any</option>
                {options.clients.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.codename}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1">
              <span className="font-medium">Show</span>
              <select
                name="state"
                defaultValue={filters.state ?? ''}
                className="rounded-md border border-line px-2 py-1.5"
              >
                <option value="">All</option>
                <option value="legal">Legal disclosures</option>
                <option value="withheld">Hidden from the client (gagged)</option>
              </select>
            </label>
            <button type="submit" className="rounded-md border border-line px-3 py-1.5 hover:bg-paper">
              Filter
            </button>
          </form>
          {rows.length === 0 ? <p className="text-sm text-muted">No disclosures match.</p> : null}
          <Table
            headers={['Date', 'Recipient', 'Country', 'Client', 'What', 'Purpose and basis', 'Legal', 'Approved']}
            caption="Disclosure register"
          >
            {rows.map((d) => {
              const withheld = isWithheld(d, now);
              return (
                <tr key={d.id} data-testid="disclosure-row">
                  <Cell>{formatDate(d.disclosedAt)}</Cell>
                  <Cell>
                    <span className="font-medium">{d.recipientName}</span>
                    <span className="block text-xs text-muted">
                      {RECIPIENT_KIND_LABELS[d.recipientKind]}
                      {d.source === 'counterparty_share' ? ' · shared with the counterparty' : ''}
                    </span>
                  </Cell>
                  <Cell>
                    {countryName(d.country)}
                    {isAbroad(d.country) ? (
                      <span className="block text-xs text-muted">
                        Transfer: {d.transferSafeguard ? TRANSFER_SAFEGUARD_LABELS[d.transferSafeguard] : '—'}
                      </span>
                    ) : null}
                  </Cell>
                  <Cell>
                    {d.clientCodename}
                    {d.projectCodename ? <span className="block text-xs text-muted">{d.projectCodename}</span> : null}
                  </Cell>
                  <Cell>
                    {d.dataCategories.map((c) => DATA_CATEGORY_LABELS[c] ?? c).join(', ')}
                    {d.items.length > 0 ? (
                      <span className="block text-xs text-muted">
                        {d.items.join('; ')}
                        {d.files > 0 ? ` with ${d.files} file${d.files === 1 ? '' : 's'}` : ''}
                      </span>
                    ) : null}
                  </Cell>
                  <Cell>
                    {d.purpose}
                    <span className="block text-xs text-muted">{LAWFUL_BASIS_LABELS[d.lawfulBasis]}</span>
                  </Cell>
                  <Cell>
                    {d.instrument ? (
                      <>
                        {INSTRUMENT_LABELS[d.instrument]} {d.instrumentReference}
                        <span className="block">
                          {withheld ? (
                            <Badge tone="danger">
                              hidden from the client{d.gagUntil ? ` until ${formatDate(d.gagUntil)}` : ''}
                            </Badge>
                          ) : d.gagged ? (
                            <Badge>gag lifted</Badge>
                          ) : (
                            <Badge>client told</Badge>
                          )}
                        </span>
                        {withheld ? (
                          <div className="mt-2">
                            <ActionForm
                              inline
                              label={`Lift the gag on the disclosure to ${d.recipientName}`}
                              action={liftGagAction}
                              submitLabel="Lift the gag"
                              variant="secondary"
                              fields={[{ kind: 'hidden', name: 'disclosureId', value: d.id }]}
                              confirm={{
                                title: `Lift the gag on the disclosure to ${d.recipientName}?`,
                                description: `The law no longer forbids telling the client. ${d.clientCodename}’s members will see this disclosure under “Shared with” at once and are told by notification and email. This cannot be undone.`,
                                confirmLabel: 'Lift the gag and tell the client',
                              }}
                            />
                          </div>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </Cell>
                  <Cell>{d.approverName ?? (d.source === 'counterparty_share' ? 'The sharer' : '—')}</Cell>
                </tr>
              );
            })}
          </Table>
        </Card>
        <Card title="Record a disclosure">
          <RecordDisclosureForm clients={options.clients} projects={options.projects} />
        </Card>
      </div>
    </>
  );
}

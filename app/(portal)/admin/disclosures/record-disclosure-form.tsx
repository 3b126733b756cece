import { ActionForm, type FieldSpec } from '@/components/forms/action-form';
import type { FieldOf } from '@/lib/actions/action-state';
import {
  COUNTRIES,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  HOME_JURISDICTION_LABEL,
  INSTRUMENT_LABELS,
  INSTRUMENTS,
  LAWFUL_BASES,
  LAWFUL_BASIS_LABELS,
  RECIPIENT_KIND_LABELS,
  RECIPIENT_KINDS,
  TRANSFER_SAFEGUARD_LABELS,
  TRANSFER_SAFEGUARDS,
} from '@/lib/disclosures/vocabulary';
import { recordDisclosureAction } from './actions';

type Props = {
  clients: { id: string; codename: string }[];
  projects: { id: string; codename: string; clientAccountId: string }[];
};

/** The register's entry form: what was disclosed, to whom, why, on what basis, and for legal disclosures the instrument and gag. */
export function RecordDisclosureForm({ clients, projects }: Props) {
  const codenameOf = new Map(clients.map((c) => [c.id, c.codename]));
  const fields: FieldSpec<FieldOf<typeof recordDisclosureAction>>[] = [
    {
      kind: 'select',
      name: 'clientAccountId',
      label: 'Whose data',
      options: [{ value: '', label: 'Choose a client' }, ...clients.map((c) => ({ value: c.id, label: c.codename }))],
    },
    {
      kind: 'select',
      name: 'projectId',
      label: 'Project (optional)',
      options: [
        { value: '', label: 'None in particular' },
        ...projects.map((p) => ({
          value: p.id,
          label: `${p.codename} (${codenameOf.get(p.clientAccountId) ?? 'client'})`,
        })),
      ],
    },
    {
      kind: 'select',
      name: 'recipientKind',
      label: 'Recipient kind',
      options: [
        { value: '', label: 'Choose' },
        ...RECIPIENT_KINDS.map((k) => ({ value: k, label: RECIPIENT_KIND_LABELS[k] })),
      ],
    },
    { kind: 'text', name: 'recipientName', label: 'Recipient name', required: true },
    {
      kind: 'select',
      name: 'country',
      label: 'Recipient country',
      hint: `Outside ${HOME_JURISDICTION_LABEL} a transfer safeguard is required.`,
      options: [{ value: '', label: 'Not recorded' }, ...COUNTRIES.map((c) => ({ value: c.code, label: c.name }))],
    },
    {
      kind: 'checkboxes',
      name: 'dataCategories',
      label: 'What was disclosed',
      options: DATA_CATEGORIES.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] })),
    },
    {
      kind: 'text',
      name: 'itemRefs',
      label: 'Items (optional)',
      hint: 'Item reference numbers in the project, such as 3, 7.',
    },
    { kind: 'textarea', name: 'purpose', label: 'Purpose', required: true },
    {
      kind: 'select',
      name: 'lawfulBasis',
      label: 'Lawful basis',
      options: [
        { value: '', label: 'Choose' },
        ...LAWFUL_BASES.map((b) => ({ value: b, label: LAWFUL_BASIS_LABELS[b] })),
      ],
    },
    {
      kind: 'select',
      name: 'transferSafeguard',
      label: 'Transfer safeguard',
      options: [
        { value: '', label: 'None (recipient at home)' },
        ...TRANSFER_SAFEGUARDS.map((s) => ({ value: s, label: TRANSFER_SAFEGUARD_LABELS[s] })),
      ],
    },
    {
      kind: 'select',
      name: 'instrument',
      label: 'Legal instrument',
      hint: 'For legal and protective disclosures.',
      options: [{ value: '', label: 'None' }, ...INSTRUMENTS.map((i) => ({ value: i, label: INSTRUMENT_LABELS[i] }))],
    },
    { kind: 'text', name: 'instrumentReference', label: 'Instrument reference' },
    {
      kind: 'select',
      name: 'gagged',
      label: 'Does the law forbid telling the person?',
      options: [
        { value: 'no', label: 'No: the client is told now' },
        { value: 'yes', label: 'Yes: hide it from the client until lifted' },
      ],
    },
    {
      kind: 'date',
      name: 'gagUntil',
      label: 'Gag ends on (optional)',
      hint: 'Leave empty if only a decision lifts it.',
    },
    { kind: 'date', name: 'disclosedOn', label: 'Disclosed on', hint: 'Today if left empty.' },
  ];
  return (
    <ActionForm
      label="Record a disclosure"
      action={recordDisclosureAction}
      fields={fields}
      submitLabel="Record the disclosure"
      once
    />
  );
}

/** The register of processing activities for a regulator (issue 15 point 6): CSV (papaparse, formulae escaped) and JSON. */
import Papa from 'papaparse';
import type { Engagement, ProcessingRegister } from '@/lib/dal/processing/build-register';
import { ENGAGEMENT_ROLE_LABELS } from './processing-vocabulary';

export const CONTROLLER_NAME = 'MM Group';

export const ACTIVITY_FIELDS = [
  'Data category',
  'Purpose',
  'Lawful basis',
  'Data subjects',
  'Recipients',
  'Transfers and safeguards',
  'Retention',
  'Security measures',
];
export const ENGAGEMENT_FIELDS = [
  'Engagement',
  'Client (codename)',
  'MM Group acts as',
  'Controller',
  'Instructions on file',
  'Set on',
];

const lines = (values: string[], none: string) => (values.length > 0 ? values.join('\n') : none);
const options = { escapeFormulae: true, newline: '\r\n' } as const;

/** One row per purpose of each data category (a category with no purpose yet is one row saying so). */
export function activitiesCsv(register: ProcessingRegister): string {
  const rows = register.activities.flatMap((a) => {
    const common = [
      lines(a.dataSubjects, '—'),
      lines(
        a.recipients.map((r) => `${r.kind}: ${r.name} (${r.country})`),
        'None recorded in the disclosure register',
      ),
      lines(a.transfers, 'None'),
      lines(a.retention, '—'),
      lines(a.security, '—'),
    ];
    const purposes =
      a.purposes.length > 0 ? a.purposes : [{ purpose: 'Not yet recorded', lawfulBasisLabel: 'Not yet recorded' }];
    return purposes.map((p) => [a.label, p.purpose, p.lawfulBasisLabel, ...common]);
  });
  return Papa.unparse({ fields: ACTIVITY_FIELDS, data: rows }, options);
}

export const controllerOf = (e: Engagement) => (e.role === 'processor' ? `Client ${e.client}` : CONTROLLER_NAME);

export function engagementsCsv(register: ProcessingRegister): string {
  const rows = register.engagements.map((e) => [
    e.project,
    e.client,
    ENGAGEMENT_ROLE_LABELS[e.role],
    controllerOf(e),
    e.instructionsRef ?? '—',
    e.setAt ? e.setAt.toISOString().slice(0, 10) : 'Not set (controller by default)',
  ]);
  return Papa.unparse({ fields: ENGAGEMENT_FIELDS, data: rows }, options);
}

export function registerJson(register: ProcessingRegister): string {
  return JSON.stringify(
    {
      controller: CONTROLLER_NAME,
      generatedAt: register.generatedAt.toISOString(),
      activities: register.activities.map((a) => ({
        category: a.category,
        label: a.label,
        purposes: a.purposes.map((p) => ({ purpose: p.purpose, lawfulBasis: p.lawfulBasis })),
        dataSubjects: a.dataSubjects,
        recipients: a.recipients,
        transfers: a.transfers,
        retention: a.retention,
        securityMeasures: a.security,
      })),
      engagements: register.engagements.map((e) => ({
        engagement: e.project,
        client: e.client,
        role: e.role,
        controller: controllerOf(e),
        instructionsRef: e.instructionsRef,
        setAt: e.setAt?.toISOString() ?? null,
      })),
    },
    null,
    2,
  );
}

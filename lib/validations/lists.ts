import { z } from 'zod';
import { ACCESS_REQUEST_STATUSES, REQUEST_KINDS, REQUEST_STATUSES, USER_ROLES } from '@/lib/vocabulary';
import { dayParam, idParam, listParamsSchema, type SortOption } from '@/lib/list-query';

/*
 * The URL params of each searchable list (issue 16): sort keys, default order and the list's own filters. Each
 * sort key names an expression in the list's DAL function; the options label them for the toolbar.
 */

const optionalEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values).optional()).catch(undefined);

export const peopleListSchema = listParamsSchema(
  ['name', 'email', 'role', 'created'],
  { dir: 'asc', dirs: { created: 'desc' } },
  {
    role: optionalEnum(USER_ROLES),
    status: optionalEnum(['active', 'disabled']),
  },
);
export const PEOPLE_SORTS: SortOption[] = [
  { value: 'name', label: 'Name' },
  { value: 'email', label: 'Email' },
  { value: 'role', label: 'Role' },
  { value: 'created', label: 'Joined' },
];

export const clientListSchema = listParamsSchema(
  ['codename', 'name', 'kind'],
  { dir: 'asc' },
  { kind: optionalEnum(['talent', 'brand']) },
);
export const CLIENT_SORTS: SortOption[] = [
  { value: 'codename', label: 'Codename' },
  { value: 'name', label: 'Client name' },
  { value: 'kind', label: 'Kind' },
];

export const adminProjectListSchema = listParamsSchema(
  ['codename', 'client', 'status'],
  { dir: 'asc' },
  { status: optionalEnum(['active', 'closed']) },
);
export const ADMIN_PROJECT_SORTS: SortOption[] = [
  { value: 'codename', label: 'Project' },
  { value: 'client', label: 'Client (codename)' },
  { value: 'status', label: 'Status' },
];

export const projectListSchema = listParamsSchema(['codename', 'status'], { dir: 'asc' });
export const PROJECT_SORTS: SortOption[] = [
  { value: 'codename', label: 'Project' },
  { value: 'status', label: 'Status' },
];

export const ndaListSchema = listParamsSchema(
  ['signed', 'signer', 'expires'],
  { dir: 'desc', dirs: { signer: 'asc', expires: 'asc' } },
  {
    state: optionalEnum(['current', 'superseded']),
  },
);
export const NDA_SORTS: SortOption[] = [
  { value: 'signed', label: 'Signed' },
  { value: 'signer', label: 'Signer' },
  { value: 'expires', label: 'Expires' },
];

/** The admin's access requests: the open ones by default (what waits for a decision), oldest first. */
export const accessRequestListSchema = listParamsSchema(
  ['created'],
  { dir: 'asc' },
  {
    status: z
      .preprocess((v) => (v === '' ? undefined : v), z.enum([...ACCESS_REQUEST_STATUSES, 'any']).default('open'))
      .catch('open'),
  },
);
export const ACCESS_REQUEST_SORTS: SortOption[] = [{ value: 'created', label: 'Asked' }];

export const privacyListSchema = listParamsSchema(
  ['due', 'received', 'ref'],
  { dir: 'asc', dirs: { received: 'desc', ref: 'desc' } },
  {
    kind: optionalEnum(REQUEST_KINDS),
    status: optionalEnum(REQUEST_STATUSES),
    due: optionalEnum(['overdue', 'due_soon', 'open']),
  },
);
export const PRIVACY_SORTS: SortOption[] = [
  { value: 'due', label: 'Due' },
  { value: 'received', label: 'Received' },
  { value: 'ref', label: 'Reference' },
];

/** The audit log: newest first by default; filters by date (inclusive days, UTC), actor, action, outcome, project, text. */
export const auditListSchema = listParamsSchema(
  ['at'],
  { dir: 'desc' },
  {
    from: dayParam,
    to: dayParam,
    actorId: idParam,
    projectId: idParam,
    action: z
      .preprocess(
        (v) => (v === '' ? undefined : v),
        z
          .string()
          .trim()
          .max(80)
          .regex(/^[a-z0-9_.]+$/)
          .optional(),
      )
      .catch(undefined),
    outcome: optionalEnum(['allowed', 'denied']),
  },
);
export type AuditListParams = z.output<typeof auditListSchema>;
export const AUDIT_SORTS: SortOption[] = [{ value: 'at', label: 'Time' }];

/** The client's history: newest first by default; project, person and date filters (issue 4). */
export const historyListSchema = listParamsSchema(
  ['at'],
  { dir: 'desc' },
  {
    projectId: idParam,
    personId: idParam,
    from: dayParam,
    to: dayParam,
  },
);
export type HistoryListParams = z.output<typeof historyListSchema>;

import { z } from 'zod';
import { RESIDENCE_KEYS } from '@/lib/privacy/vocabulary';
import {
  CONSENT_DECISIONS,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  RETENTION_PERIOD_UNITS,
  RETENTION_RULE_KEYS,
} from '@/lib/vocabulary';
import { uuid } from './ids';

/** Forms of privacy operations (issue 6): rights requests, verification, the admin queue, policy, retention, consent. */

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());
const email = z.string().trim().toLowerCase().max(320).email('Enter a valid email address.');
const personName = z.string().trim().min(1, 'Enter a name.').max(120, 'Keep it under 120 characters.');
const details = z.preprocess(
  emptyToUndefined,
  z.string().trim().max(4000, 'Keep it under 4,000 characters.').optional(),
);
const kind = z.enum(REQUEST_KINDS, { message: 'Choose what you are asking for.' });
const residence = z.enum(RESIDENCE_KEYS as [string, ...string[]], { message: 'Choose where you live.' });

const correctionNeedsDetails = (v: { kind: string; details?: string | undefined }, ctx: z.RefinementCtx) => {
  if (v.kind === 'correction' && !v.details) {
    ctx.addIssue({ code: 'custom', path: ['details'], message: 'Say what is wrong and what it should say.' });
  }
};

export const publicRequestSchema = z
  .object({
    kind,
    residence,
    name: personName,
    email,
    details,
    /** `agent`: an authorized agent files for the person named (the form's checkbox). */
    filer: z.preprocess(emptyToUndefined, z.enum(['self', 'agent']).default('self')),
    agentName: z.preprocess(emptyToUndefined, personName.optional()),
    agentEmail: z.preprocess(emptyToUndefined, email.optional()),
    agentPermission: z.preprocess(emptyToUndefined, z.string().trim().max(4000).optional()),
    agentSignature: z.preprocess(emptyToUndefined, z.string().trim().max(120).optional()),
  })
  .superRefine((v, ctx) => {
    correctionNeedsDetails(v, ctx);
    if (v.filer !== 'agent') return;
    if (!v.agentName) ctx.addIssue({ code: 'custom', path: ['agentName'], message: 'Enter your name as the agent.' });
    if (!v.agentEmail)
      ctx.addIssue({ code: 'custom', path: ['agentEmail'], message: 'Enter your email as the agent.' });
    if (v.agentEmail && v.agentEmail === v.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Enter the email of the person you act for, not your own.',
      });
    }
    if (!v.agentPermission || v.agentPermission.length < 20) {
      ctx.addIssue({
        code: 'custom',
        path: ['agentPermission'],
        message: 'Copy in the permission the person signed for you.',
      });
    }
    if (!v.agentSignature || !v.agentName || v.agentSignature.toLowerCase() !== v.agentName.toLowerCase()) {
      ctx.addIssue({ code: 'custom', path: ['agentSignature'], message: 'Sign by typing your name exactly as above.' });
    }
  });
export type PublicRequestInput = z.output<typeof publicRequestSchema>;

export const accountRequestSchema = z
  .object({ kind, residence, details, password: z.string().min(1, 'Enter your password.').max(1024) })
  .superRefine(correctionNeedsDetails);

const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Enter the six digits from the email.');

export const verifyCodeSchema = z.object({ requestId: uuid, code });
export const confirmAsSubjectSchema = z.object({ requestId: uuid, code, agentMayReceive: checkbox });
export const resendCodeSchema = z.object({ requestId: uuid, purpose: z.enum(['requester', 'subject']) });

export const queueFilterSchema = z.object({
  kind: z.preprocess(emptyToUndefined, z.enum(REQUEST_KINDS).optional()),
  status: z.preprocess(emptyToUndefined, z.enum(REQUEST_STATUSES).optional()),
  due: z.preprocess(emptyToUndefined, z.enum(['overdue', 'due_soon', 'open']).optional()),
});
export type QueueFilter = z.output<typeof queueFilterSchema>;

const reason = z
  .string()
  .trim()
  .min(3, 'Give a reason; the requester will be told.')
  .max(1000, 'Keep it under 1,000 characters.');

export const requestIdSchema = z.object({ requestId: uuid });
export const extendRequestSchema = z.object({ requestId: uuid, reason });
export const refuseRequestSchema = z.object({ requestId: uuid, reason });
export const completeRequestSchema = z.object({
  requestId: uuid,
  field: z.preprocess(emptyToUndefined, z.enum(['name', 'email']).optional()),
  value: z.preprocess(emptyToUndefined, z.string().trim().max(320).optional()),
});

const dateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-01-31.')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Not a real date.');

export const publishPolicySchema = z.object({
  title: z.string().trim().min(3, 'Give the policy a title.').max(200),
  body: z.string().trim().min(50, 'Paste the full policy text (Markdown).').max(200_000),
  summary: z.string().trim().min(3, 'Say in a sentence what changed.').max(1000),
  effectiveOn: dateOnly,
  material: checkbox,
});

export const retentionRuleSchema = z.object({
  key: z.enum(RETENTION_RULE_KEYS),
  periodValue: z.coerce
    .number({ message: 'Enter a number.' })
    .int('Enter a whole number.')
    .min(1, 'At least 1.')
    .max(36_500, 'At most 36,500.'),
  periodUnit: z.enum(RETENTION_PERIOD_UNITS, { message: 'Choose days, months or years.' }),
  enabled: checkbox,
});

const optionalId = z.preprocess(emptyToUndefined, uuid.optional());

/** A hold is on one client account or one project. */
export const placeHoldSchema = z
  .object({
    clientAccountId: optionalId,
    projectId: optionalId,
    reason: z.string().trim().min(3, 'Say why the data must be kept.').max(1000),
  })
  .refine((v) => (v.clientAccountId === undefined) !== (v.projectId === undefined), {
    message: 'Choose a client account or a project, not both.',
    path: ['projectId'],
  });
export const releaseHoldSchema = z.object({ holdId: uuid });
export const retentionRunSchema = z.object({ dryRun: z.enum(['true', 'false']).transform((v) => v === 'true') });

export const cookieChoicesSchema = z.object({
  /** accept/reject all, save the ticked categories, or record a Global Privacy Control opt-out. */
  choice: z.enum(['accept', 'reject', 'save', 'gpc']),
  layer: z.enum(['banner', 'settings']),
  analytics: checkbox,
  functional: checkbox,
  marketing: checkbox,
  gpc: checkbox,
});
export const marketingEmailSchema = z.object({ decision: z.enum(CONSENT_DECISIONS) });
export const acknowledgePolicySchema = z.object({ policyVersionId: uuid });

import { z } from 'zod';
import { DATA_CATEGORIES, ENGAGEMENT_ROLES, LAWFUL_BASES } from '@/lib/vocabulary';
import { uuid } from './ids';

/** The register of processing activities' forms (issue 15 points 4-5). */

export const purposeSchema = z.object({
  category: z.enum(DATA_CATEGORIES, { message: 'Choose a data category.' }),
  purpose: z
    .string()
    .trim()
    .min(3, 'Describe the purpose (at least 3 characters).')
    .max(500, 'At most 500 characters.'),
  lawfulBasis: z.enum(LAWFUL_BASES, { message: 'Choose a lawful basis.' }),
});

export const purposeIdSchema = z.object({ purposeId: uuid });

export const engagementRoleSchema = z
  .object({
    projectId: uuid,
    role: z.enum(ENGAGEMENT_ROLES, { message: 'Choose controller or processor.' }),
    instructionsRef: z.string().trim().max(300, 'At most 300 characters.').optional().default(''),
  })
  .refine((v) => v.role === 'controller' || v.instructionsRef.length >= 3, {
    message: 'A processor engagement needs the reference of the controller’s instructions on file.',
    path: ['instructionsRef'],
  });

export const routeRequestSchema = z.object({ requestId: uuid, projectId: uuid });

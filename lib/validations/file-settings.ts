import { z } from 'zod';
import { uuid } from './ids';

/** The lead's per-item setting for its files (issue 13): view-only, or downloadable. */
export const setFilesDownloadableSchema = z.object({
  itemId: uuid,
  access: z.enum(['view_only', 'download'], { message: 'Choose view-only or download.' }),
});

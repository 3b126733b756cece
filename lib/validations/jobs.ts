import { z } from 'zod';
import { JOB_NAMES } from '@/lib/jobs/names';

/** "Run now" on /admin/jobs. */
export const runJobNowSchema = z.object({ job: z.enum(JOB_NAMES, { message: 'Choose one of the scheduled jobs.' }) });

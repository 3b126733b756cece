import { z } from 'zod';

/** The longest contractor grant, in whole days: at least a day, at most ten years (the database says the same). */
export const contractorMaxDaysSchema = z.object({
  days: z.coerce
    .number({ message: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(1, 'At least 1 day.')
    .max(3650, 'At most 3650 days (ten years).'),
});

import { z } from 'zod';

export const uuid = z.uuid({ message: 'Not a valid reference.' });

/** Route params that are not well-formed ids answer 404 like any other unknown id. */
export const parseId = (value: string): string | null => {
  const parsed = uuid.safeParse(value);
  return parsed.success ? parsed.data : null;
};

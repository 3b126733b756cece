import 'server-only';
import { hash, verify } from '@node-rs/argon2';

// argon2id (the library's default algorithm) with OWASP's minimum cost: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

// Verified against when the account does not exist, so both answers take the same time.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$P8333e7YqT47MjHq07fluA$mGE1d+Dnvvn2UJYMpodP4ZDjur1f+STfLvfkMyV9wPQ';

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? DUMMY_HASH, password);
  } catch {
    return false;
  }
}

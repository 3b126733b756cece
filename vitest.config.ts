import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
// Sets CLEARANCE_MASTER_KEY to a fixed test key when the environment has none.
const setupFiles = [path.join(root, 'tests/setup/master-key.ts')];
const shared = {
  alias: {
    '@': root,
    // DAL modules import 'server-only'; in tests they run on the server anyway.
    'server-only': path.join(root, 'node_modules/server-only/empty.js'),
  },
};

// Integration tests run once on PGlite and, when DATABASE_URL is set, once more on PostgreSQL.
const databases = process.env.DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

export default defineConfig({
  resolve: { alias: shared.alias },
  test: {
    projects: [
      {
        resolve: { alias: shared.alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', setupFiles },
      },
      ...databases.map((database) => ({
        resolve: { alias: shared.alias },
        test: {
          name: `integration:${database}`,
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          env: { TEST_DATABASE: database },
          // Generous: a loaded 2-core CI machine can be 10x slower than a quiet one; no test asserts on time.
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      })),
    ],
  },
});

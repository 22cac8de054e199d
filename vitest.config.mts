import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@carescore/engine': resolve(import.meta.dirname, 'libs/engine/src/index.ts') };
const postgresUrl = process.env.TEST_DATABASE_URL;

// The e2e suite runs once on PGlite (embedded mode) and, when TEST_DATABASE_URL names a
// PostgreSQL server (CI), once more against it: same migrations, same tests.
const e2eProject = (name: string, env: Record<string, string>, include: string[]) => ({
  resolve: { alias },
  test: {
    name,
    include,
    environment: 'node' as const,
    env,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['libs/**/*.spec.ts', 'apps/**/*.spec.ts', 'test/unit/**/*.spec.ts', 'rule-templates/**/*.spec.ts'],
          environment: 'node',
        },
      },
      e2eProject('e2e-pglite', { TEST_DATABASE_URL: '' }, ['test/e2e/**/*.e2e.spec.ts', 'test/integration/**/*.spec.ts']),
      ...(postgresUrl ? [e2eProject('e2e-postgres', { TEST_DATABASE_URL: postgresUrl }, ['test/e2e/**/*.e2e.spec.ts', 'test/production/**/*.spec.ts'])] : []),
    ],
  },
});

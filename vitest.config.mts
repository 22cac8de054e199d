import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = {
  '@carescore/engine': resolve(import.meta.dirname, 'libs/engine/src/index.ts'),
  '@carescore/stats': resolve(import.meta.dirname, 'libs/stats/src/index.ts'),
};
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

// The console in Debian's Chromium (test/browser): on PostgreSQL, so only with TEST_DATABASE_URL
// (CI sets it, and .ci/run installs chromium).
const browserProject = {
  resolve: { alias },
  test: {
    name: 'browser',
    include: ['test/browser/**/*.browser.spec.ts'],
    environment: 'node' as const,
    env: { TEST_DATABASE_URL: postgresUrl ?? '' },
    globalSetup: ['test/browser/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Two files at a time even on CI's 2 cores (vitest would take one): most of a file's time is spent waiting on
    // PostgreSQL, Redis, a child process or Chromium, and every file has its own database, queue prefix and port.
    maxWorkers: 2,
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
      ...(postgresUrl && existsSync('/usr/bin/chromium') ? [browserProject] : []),
      ...(postgresUrl ? [e2eProject('e2e-postgres', { TEST_DATABASE_URL: postgresUrl }, ['test/e2e/**/*.e2e.spec.ts', 'test/production/**/*.spec.ts'])] : []),
    ],
  },
});

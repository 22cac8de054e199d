import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@carescore/engine': resolve(__dirname, 'libs/engine/src/index.ts') };

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
    ],
  },
});

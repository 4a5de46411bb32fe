import { defineConfig } from 'vitest/config';

// Resolve workspace packages to their TypeScript sources (the '@nexus/source' export condition): no build before testing.
const conditions = ['@nexus/source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@nexus/source'] } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'bench/**'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './support/summary-reporter.ts'],
  },
});
